import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launchBrowser, screenshot } from "./browser";
import { logIn, publish, rename, signUp, unique, uniqueEmail } from "./flows";

let browser: Browser;
let page: Page;
const webUrl = inject("webUrl");

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(() => browser?.close());

test("When a visitor signs up and publishes, then the post tops the feed, offers the editor and can be deleted", async () => {
  const name = unique("Grace");
  const email = uniqueEmail("grace");
  const title = unique("Hello from Chromium");

  await signUp(page, webUrl, name, email);
  await publish(page, title, "Written in a real browser.");
  await page.goto(webUrl);
  const firstPost = page.getByRole("region", { name: "Feed" }).getByRole("article").first();
  expect(await firstPost.textContent()).toContain(name);
  await screenshot(page, "feed-after-post");

  // The post's own page offers its author the editor (the editor's journey edits there).
  await firstPost.getByRole("link", { name: title }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  const postId = new URL(page.url()).pathname.split("/").at(-1);
  expect(await page.getByRole("link", { name: "Edit" }).getAttribute("href")).toBe(
    `/editor/${postId}`,
  );
  await screenshot(page, "post-page");

  // Delete asks first; keeping it changes nothing.
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Keep it" }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await page.waitForURL(`${webUrl}/`);
  await page.getByRole("region", { name: "Feed" }).waitFor();
  // The feed kept in memory shows the post until its refetch lands.
  await expect.poll(() => page.getByRole("link", { name: title }).count()).toBe(0);

  // Log out and back in through the form.
  await page.getByRole("button", { name: "Log out" }).click();
  await page.getByRole("link", { name: "Log in", exact: true }).waitFor();
  await logIn(page, webUrl, email);
  await page.getByText(`Signed in as ${name}`).waitFor();

  // Rename on the settings page; the header follows.
  await rename(page, `${name} Jr`);
  await screenshot(page, "settings-page");
});

test("When log-in gets a wrong password, then the form says so and stays on the page", async () => {
  const visitor = await browser.newPage();
  await visitor.goto(`${webUrl}/login`);
  await visitor.getByLabel("Email").fill(uniqueEmail("nobody"));
  await visitor.getByLabel("Password").fill("wrong password 1");
  await visitor.getByRole("button", { name: "Log in" }).click();
  await visitor
    .getByRole("alert")
    .filter({ hasText: /invalid/i })
    .waitFor();
  expect(visitor.url()).toBe(`${webUrl}/login`);
});
