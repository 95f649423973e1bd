import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { httpAt } from "../http";
import { E2E_SERVER_URL } from "../setup/ports.mjs";
import { launchBrowser, screenshot } from "./browser";
import { PASSWORD, signUp, unique, uniqueEmail } from "./flows";

// A reader on someone's post: favourites it (and it sticks), joins the conversation, takes a
// comment back. The operations behind the buttons are the real ones, against the real server.
let browser: Browser;
const webUrl = inject("webUrl");

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function postByAnotherWriter(title: string) {
  const register = await httpAt(E2E_SERVER_URL, "POST", "/api/v1/auth/register", {
    body: {
      email: uniqueEmail("writer"),
      name: "Writer",
      username: `w_${Math.random().toString(36).slice(2, 10)}`,
      password: PASSWORD,
    },
  });
  expect(register.status).toBe(201);
  const created = await httpAt(E2E_SERVER_URL, "POST", "/api/v1/posts", {
    token: register.body.accessToken,
    body: { title, content: "## A section\n\nSome **bold** text.", tags: ["notes"] },
  });
  expect(created.status).toBe(201);
  return created.body.id as number;
}

test("When a reader favourites and comments on a post, then both show at once and stick", async () => {
  const title = unique("Field notes");
  const id = await postByAnotherWriter(title);
  const page = await (
    await browser.newContext({ viewport: { width: 375, height: 812 } })
  ).newPage();
  await signUp(page, webUrl, unique("Reader"), uniqueEmail("reader"));
  await page.goto(`${webUrl}/posts/${id}`);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await expect.poll(() => page.title()).toBe(`${title} · Inkwell`);

  await page.getByRole("button", { name: "Favourite 0" }).click();
  await page.getByRole("button", { name: "Favourited 1" }).waitFor();

  const box = page.getByLabel("Your comment");
  await box.fill("Thanks, *very* useful.");
  await page.getByRole("button", { name: "Post comment" }).click();
  const mine = page.getByRole("article", { name: /^Comment by Reader/ });
  await mine.getByText("very").waitFor();
  expect(await box.inputValue()).toBe("");
  await screenshot(page, "post-page-conversation-375");

  // After a reload both are still there: the server has them.
  await page.reload();
  await page.getByRole("button", { name: "Favourited 1" }).waitFor();
  await mine.waitFor();

  await mine.getByRole("button", { name: "Delete" }).click();
  await mine.getByRole("button", { name: "Yes, delete" }).click();
  await expect.poll(() => mine.count()).toBe(0);
  await page.getByText("No comments yet.").waitFor();
});
