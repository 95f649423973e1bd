import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launchBrowser, screenshot } from "./browser";

let browser: Browser;
let page: Page;
const webUrl = inject("webUrl");

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(() => browser?.close());

test("When a visitor signs up, logs in and publishes, then the post is at the top of the feed", async () => {
  const email = `e2e-${randomUUID().slice(0, 8)}@test.inkwell`;
  const password = "browser pass 42";
  const title = `Hello from Chromium ${randomUUID().slice(0, 6)}`;

  await page.goto(`${webUrl}/signup`);
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(password);
  await page.locator("input[name=name]").fill("Grace Hopper");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByText(/signed up successfully/i).waitFor();

  await page.goto(`${webUrl}/login`);
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByText("Signed in as Grace Hopper").waitFor();

  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Content").fill("Written in a real browser.");
  await page.getByRole("button", { name: "Publish" }).click();

  const firstPost = page.getByRole("region", { name: "Feed" }).getByRole("article").first();
  await firstPost.getByText(title).waitFor();
  expect(await firstPost.textContent()).toContain("by Grace Hopper");
  await expect.poll(() => page.getByLabel("Title").inputValue()).toBe("");
  await screenshot(page, "feed-after-post");
});
