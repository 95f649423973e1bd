import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { E2E_ADMIN_EMAIL } from "../setup/testEnv";
import { commentOn, publishPost, registerUser, reportComment } from "./api";
import { launchBrowser, screenshot } from "./browser";
import { signUp, unique } from "./flows";

// The journey "an admin hides a reported comment": the scene (author, post, commenter,
// comment, reader's report) is made through the server's doors; the admin works in Chromium.
let browser: Browser;
const webUrl = inject("webUrl");

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** Waits until no list on the page still says it is loading. */
const settled = (page: Page) =>
  page
    .getByRole("status")
    .filter({ hasText: /Loading/ })
    .first()
    .waitFor({ state: "detached" });

const rowWith = (table: Locator, text: string) => table.getByRole("row").filter({ hasText: text });

test.each([
  ["desktop", 1280, 900],
  ["phone", 375, 812],
] as const)(
  "When a comment is reported, then an admin at %s width hides it from the queue, sees it hidden and restores it",
  async (width, viewportWidth, viewportHeight) => {
    const author = await registerUser("Poster");
    const post = await publishPost(author.token, {
      title: unique("Pens I like"),
      content: "A post that draws a rude reply.",
    });
    const commenter = await registerUser("Troll");
    const body = unique("You all have terrible taste");
    const comment = await commentOn(commenter.token, post.id, body);
    const reader = await registerUser("Reader");
    await reportComment(reader.session, comment.id, "Insulting");

    const context = await browser.newContext({
      viewport: { width: viewportWidth, height: viewportHeight },
    });
    const admin = await context.newPage();
    // Signing up the admin's (verified) address again logs in instead (see moderation.e2e).
    await signUp(admin, webUrl, "Admin", E2E_ADMIN_EMAIL);
    await admin.goto(`${webUrl}/admin`);
    await settled(admin);
    const target = `comment by ${commenter.name} on ${post.title}`;

    const queue = admin.getByRole("table", { name: "Open reports" });
    const reported = rowWith(queue, body);
    await reported.getByText("Insulting").waitFor();
    await screenshot(admin, `comment-moderation-queue-${width}`);
    await reported.getByRole("button", { name: `Hide ${target}` }).click();
    await reported.getByLabel(`Reason to hide ${target}`).fill("Insults other readers");
    await reported.getByRole("button", { name: "Hide comment" }).click();
    // Hiding resolves the comment's reports, so it leaves the queue.
    await expect.poll(() => reported.count()).toBe(0);

    const panel = admin.getByRole("region", { name: "Comments" });
    await panel.getByLabel("Hidden comments only").check();
    const hidden = rowWith(panel.getByRole("table", { name: "Hidden comments" }), body);
    await hidden.getByText("Insults other readers").waitFor();
    await hidden.getByText("Hidden", { exact: true }).waitFor();
    await hidden.scrollIntoViewIfNeeded();
    await screenshot(admin, `comment-moderation-hidden-${width}`);

    await hidden.getByRole("button", { name: `Restore ${target}` }).click();
    await expect.poll(() => hidden.count()).toBe(0);
    await panel.getByLabel("Hidden comments only").uncheck();
    const restored = rowWith(panel.getByRole("table", { name: "Recent comments" }), body);
    await restored.getByText("Visible", { exact: true }).waitFor();
    await restored.getByRole("button", { name: `Hide ${target}` }).waitFor();

    const events = admin.getByRole("region", { name: "Recent events" });
    await events.getByText("comment.restore").first().waitFor();
    if (width === "phone") {
      const overflow = await admin.evaluate<number>(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
      );
      expect(overflow, "/admin is wider than the phone").toBeLessThanOrEqual(0);
    }
    await context.close();
  },
);
