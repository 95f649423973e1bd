import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { launchBrowser, screenshot } from "./browser";
import { publish, signUp, unique, uniqueEmail } from "./flows";

// The platform as two people use it: a writer publishes Markdown with tags; a reader finds it,
// follows the writer, favourites and comments; each sees the other's doing; search finds it.
let browser: Browser;
const contexts: BrowserContext[] = [];
const webUrl = inject("webUrl");

async function person(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

test("When a writer publishes and a reader follows, favourites and comments, then each sees it and search finds the post", async () => {
  // A word no other test writes: the search below must find this post by it.
  const word = `quokka${randomUUID().slice(0, 8).replace(/\d/g, "x")}`;
  const title = unique("Field notes");
  const tag = `notes-${randomUUID().slice(0, 6)}`;

  const writer = await person();
  const writerName = unique("Writer");
  const writerHandle = await signUp(writer, webUrl, writerName, uniqueEmail("writer"));
  await publish(
    writer,
    title,
    `# Morning\n\nWe saw a **${word}** by the river.\n\n- one\n- two\n\n> quoted`,
    [tag, "travel"],
  );
  // It renders: the heading (one level under the title), bold text, the list, the tags.
  const article = writer.getByRole("article");
  await article.getByRole("heading", { level: 2, name: "Morning" }).waitFor();
  expect(await article.locator("strong").first().textContent()).toBe(word);
  expect(await article.getByRole("listitem").count()).toBeGreaterThanOrEqual(2);
  await article.getByRole("link", { name: `#${tag}` }).waitFor();
  expect(await writer.title()).toBe(`${title} · Inkwell`);
  const postUrl = writer.url();

  // The reader finds the writer's profile, follows (the button answers at once; a reload
  // shows the server kept it).
  const reader = await person();
  const readerName = unique("Reader");
  await signUp(reader, webUrl, readerName, uniqueEmail("reader"));
  await reader.goto(`${webUrl}/@${writerHandle}`);
  await reader.getByRole("heading", { level: 1, name: writerName }).waitFor();
  await reader.getByRole("button", { name: "Follow", exact: true }).click();
  await reader.getByRole("button", { name: "Following", pressed: true }).waitFor();
  await reader.reload();
  await reader.getByRole("button", { name: "Following", pressed: true }).waitFor();
  await screenshot(reader, "platform-profile-desktop");

  // The following tab holds the writer's post.
  await reader.goto(webUrl);
  await reader.getByRole("link", { name: "Following" }).click();
  const followingFeed = reader.getByRole("region", { name: "Posts by people you follow" });
  await followingFeed.getByRole("link", { name: title }).click();
  await reader.getByRole("heading", { level: 1, name: title }).waitFor();

  // Favourite, then a comment in Markdown.
  await reader.getByRole("button", { name: /^Favourite/ }).click();
  await reader.getByRole("button", { name: /^Favourited 1/, pressed: true }).waitFor();
  await reader.getByLabel("Your comment").fill("Lovely — *more* please.");
  await reader.getByRole("button", { name: "Post comment" }).click();
  const comment = reader.getByRole("article", { name: `Comment by ${readerName}` });
  await comment.locator("em", { hasText: "more" }).waitFor();
  await screenshot(reader, "platform-post-desktop");

  // The writer sees the favourite and the comment on their post.
  await writer.goto(postUrl);
  await writer.getByRole("article", { name: `Comment by ${readerName}` }).waitFor();
  await writer.getByRole("button", { name: /^Favourite 1/ }).waitFor();

  // The header's search finds the post by a word of its body.
  await reader.getByRole("searchbox", { name: "Search posts" }).fill(word);
  await reader.getByRole("searchbox", { name: "Search posts" }).press("Enter");
  await reader.waitForURL(/\/search\?q=/);
  const results = reader.getByRole("region", { name: "Search results" });
  await results.getByRole("link", { name: title }).waitFor();
  expect(await reader.title()).toContain(word);
  await screenshot(reader, "platform-search-desktop");

  // The tag tab lists it too.
  await reader.goto(`${webUrl}/?tag=${tag}`);
  await reader
    .getByRole("region", { name: `Posts tagged ${tag}` })
    .getByRole("link", { name: title })
    .waitFor();

  // The same pages at a phone's width.
  const phone = await person(375);
  await phone.goto(postUrl);
  await phone.getByRole("heading", { level: 1, name: title }).waitFor();
  await screenshot(phone, "platform-post-phone");
  await phone.goto(`${webUrl}/@${writerHandle}`);
  await phone.getByRole("heading", { level: 1, name: writerName }).waitFor();
  await screenshot(phone, "platform-profile-phone");
  await phone.goto(webUrl);
  // The heading is prerendered: wait for the feed itself before the picture.
  await phone.getByRole("region", { name: "Feed" }).getByRole("article").first().waitFor();
  await screenshot(phone, "platform-home-phone");
  // Nothing is wider than the phone's screen.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
