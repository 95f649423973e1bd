import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { E2E_ADMIN_EMAIL } from "../setup/testEnv";
import { launchBrowser, screenshot } from "./browser";
import { logIn, publish, signUp, unique, uniqueEmail } from "./flows";

// Three people, three browser contexts (separate sessions): an author, a reader who reports
// the author's post, and the admin (ADMIN_EMAILS in the e2e server's environment).
let browser: Browser;
const webUrl = inject("webUrl");
const newPage = async (width = 1280, height = 900) =>
  (await browser.newContext({ viewport: { width, height } })).newPage();

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

// Signing up an existing, verified email answers "success" without a change, and the form
// then logs in: so this works whether or not an earlier run made the admin already.
const signInAdmin = (page: Page) => signUp(page, webUrl, "Admin", E2E_ADMIN_EMAIL);

test("When a reader reports a post, then the admin hides it and bans its author, and both stick", async () => {
  const authorName = unique("Spammer");
  const authorEmail = uniqueEmail("spammer");
  const title = unique("Buy cheap pens");
  const author = await newPage();
  await signUp(author, webUrl, authorName, authorEmail);
  await publish(author, title, "Visit my shop.");

  const reader = await newPage();
  await signUp(reader, webUrl, unique("Reader"), uniqueEmail("reader"));
  await reader.getByRole("region", { name: "Feed" }).getByRole("link", { name: title }).click();
  await reader.getByText("Report this post").click();
  await reader.getByLabel("Reason").fill("Advertising");
  await reader.getByRole("button", { name: "Send report" }).click();
  await reader.getByText("Thank you. An admin will review the post.").waitFor();
  await screenshot(reader, "post-reported");

  // A reader is not an admin: the page says so (and its operations would refuse anyway).
  await reader.goto(`${webUrl}/admin`);
  await reader.getByRole("heading", { name: "Not allowed" }).waitFor();

  const admin = await newPage();
  await signInAdmin(admin);
  await admin.getByRole("link", { name: "Moderation" }).click();
  const reports = admin.getByRole("table", { name: "Open reports" });
  const reportRow = reports.getByRole("row").filter({ hasText: title });
  await reportRow.getByText("Advertising").waitFor();
  await screenshot(admin, "moderation-desktop");

  await reportRow.getByRole("button", { name: `Hide ${title}` }).click();
  await reportRow.getByLabel(/Reason/).fill("Spam");
  await reportRow.getByRole("button", { name: "Hide post" }).click();
  await expect.poll(() => reportRow.count()).toBe(0);

  const users = admin.getByRole("region", { name: "Users" });
  await users.getByRole("searchbox", { name: "Search users" }).fill(authorEmail);
  await users.getByRole("button", { name: "Search" }).click();
  const userRow = users.getByRole("row").filter({ hasText: authorEmail });
  await userRow.getByRole("button", { name: `Ban ${authorName}` }).click();
  await userRow.getByLabel(/Reason/).fill("Spam account");
  await userRow.getByRole("button", { name: "Ban user" }).click();
  await userRow.getByText("Banned").waitFor();
  const events = admin.getByRole("region", { name: "Recent events" });
  await events.getByText("user.ban").first().waitFor();
  await events.getByText("post.hide").first().waitFor();

  // The hidden post is gone from everyone else's feed.
  await reader.goto(webUrl);
  await reader.getByRole("region", { name: "Feed" }).waitFor();
  expect(await reader.getByRole("link", { name: title }).count()).toBe(0);
  await screenshot(reader, "feed-desktop");

  // The ban ended the author's session, and they cannot log back in to post.
  await author.reload();
  await author.getByRole("link", { name: "Log in", exact: true }).waitFor();
  expect(await author.getByRole("form", { name: "New post" }).count()).toBe(0);
  await logIn(author, webUrl, authorEmail);
  await author.getByRole("alert").filter({ hasText: "This account is suspended" }).waitFor();
});

test("When the feed and moderation pages are opened at phone width, then nothing overflows sideways", async () => {
  const admin = await newPage(390, 844);
  await signInAdmin(admin);
  for (const [path, name] of [
    ["/", "feed-phone"],
    ["/admin", "moderation-phone"],
  ] as const) {
    await admin.goto(`${webUrl}${path}`);
    await admin.locator("main h1, main h2").first().waitFor();
    await admin
      .getByRole("status")
      .filter({ hasText: /Loading/ })
      .first()
      .waitFor({ state: "detached" });
    await screenshot(admin, name);
    const overflow = await admin.evaluate<number>(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
  }
});
