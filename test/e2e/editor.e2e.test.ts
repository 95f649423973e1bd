import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launchBrowser, screenshot } from "./browser";
import { publish, signUp, unique, uniqueEmail } from "./flows";

let browser: Browser;
let page: Page;
const webUrl = inject("webUrl");

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(() => browser?.close());

test("When a writer uses the editor, then the preview, tags, save and the unsaved-changes guard work", async () => {
  // A tag already on the site, so the editor has something to suggest.
  const known = `known-${randomUUID().slice(0, 6)}`;
  await signUp(page, webUrl, unique("Writer"), uniqueEmail("writer"));
  await publish(page, unique("Earlier post"), "Seeds a tag.", [known]);

  const title = unique("Markdown in the editor");
  await page.goto(`${webUrl}/editor`);
  await page.getByRole("heading", { level: 1, name: "New post" }).waitFor();
  expect(await page.title()).toBe("New post · Inkwell");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("A post written in the browser.");
  await page
    .getByLabel("Body")
    .fill("# Chapter one\n\nSome **bold** words and a [link](https://example.com).");

  // The live preview renders the Markdown beside the text.
  const preview = page.getByRole("region", { name: "Preview" });
  await preview.getByRole("heading", { name: "Chapter one" }).waitFor();

  // One tag typed, one chosen from the suggestions (what picking a datalist option does).
  const tags = page.getByLabel("Tags", { exact: true });
  await tags.fill("Fresh Ideas");
  await tags.press("Enter");
  await tags.fill(known.slice(0, 8));
  await expect.poll(() => page.locator(`datalist option[value="${known}"]`).count()).toBe(1);
  await tags.fill(known);
  const chips = page.getByRole("list", { name: "Tags on this post" });
  await chips.getByText(known).waitFor();
  await chips.getByText("fresh-ideas").waitFor();
  await screenshot(page, "editor-1280");

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.waitForURL(/\/posts\/\d+$/);
  const postUrl = page.url();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  const article = page.getByRole("article");
  await article.getByRole("heading", { name: "Chapter one" }).waitFor();
  await article.getByText("fresh-ideas").first().waitFor();
  await article.getByText(known).first().waitFor();

  // Editing: unsaved changes hold an in-app navigation until the writer decides.
  const id = postUrl.split("/").pop();
  await page.goto(`${webUrl}/editor/${id}`);
  await page.getByRole("heading", { level: 1, name: "Edit post" }).waitFor();
  expect(await page.title()).toBe(`Edit: ${title} · Inkwell`);
  await page.getByLabel("Body").fill("# Chapter one\n\nRewritten, not saved yet.");
  await page.getByRole("link", { name: "Inkwell", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Leave without saving?" });
  await confirm.waitFor();
  await screenshot(page, "editor-leave-confirm");
  await confirm.getByRole("button", { name: "Stay" }).click();
  await confirm.waitFor({ state: "detached" });
  expect(page.url()).toBe(`${webUrl}/editor/${id}`);
  expect(await page.getByLabel("Body").inputValue()).toBe(
    "# Chapter one\n\nRewritten, not saved yet.",
  );

  // A phone: one pane at a time, chosen by the Write / Preview tabs.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.getByRole("tab", { name: "Preview" }).click();
  await page
    .getByRole("region", { name: "Preview" })
    .getByText("Rewritten, not saved yet.")
    .waitFor();
  expect(await page.getByLabel("Body").isVisible()).toBe(false);
  const overflow = await page.evaluate<number>(
    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
  );
  expect(overflow, "the editor is wider than the phone").toBeLessThanOrEqual(0);
  await screenshot(page, "editor-375");
});
