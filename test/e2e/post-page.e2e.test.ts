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

test("When a post is opened without JavaScript, then the server's page already shows it: title, byline, tags and rendered text", async () => {
  const title = unique("Read without scripts");
  const id = await postByAnotherWriter(title);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${webUrl}/posts/${id}`);
  expect(await page.title()).toBe(`${title} · Inkwell`);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await page.getByRole("heading", { level: 2, name: "A section" }).waitFor();
  expect(await page.locator(".post-body strong").textContent()).toBe("bold");
  expect(await page.getByRole("link", { name: "#notes" }).getAttribute("href")).toBe("/?tag=notes");
  await page.getByText("Writer", { exact: true }).waitFor();
  await screenshot(page, "post-page-server-paint");
  await context.close();
});

test("When the app takes over the server's paint of a post, then nothing moves or flashes, the title holds and no error is logged", async () => {
  const title = unique("Seamless");
  const id = await postByAnotherWriter(title);
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  // The post's data is held back, so the server's paint can be measured before the app's.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/operations/get-post", async (route) => {
    await held;
    await route.continue();
  });
  await page.addInitScript(() => {
    const shifts: string[] = [];
    (window as unknown as { __shifts: string[] }).__shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as LayoutShift[]) {
        const moved = entry.sources.map(({ node }) => {
          const element = node instanceof Element ? node : node?.parentElement;
          return `<${element?.tagName.toLowerCase()} class="${element?.className}"> "${node?.textContent?.slice(0, 30)}"`;
        });
        shifts.push(`${entry.value.toFixed(5)}: ${moved.join(", ")}`);
      }
    }).observe({ type: "layout-shift", buffered: true });
    type LayoutShift = { value: number; sources: { node: Node | null }[] };
  });

  await page.goto(`${webUrl}/posts/${id}`);
  const positions = () =>
    page.evaluate(() =>
      [".post-title-main", ".byline", ".post-tags", ".post-body h2", ".post-body p"].map(
        (selector) => {
          const element = [...document.querySelectorAll(selector)].find(
            (candidate) => (candidate as HTMLElement).offsetParent !== null,
          );
          const box = element?.getBoundingClientRect();
          return (
            box && {
              selector,
              top: Math.round(box.top),
              left: Math.round(box.left),
              width: Math.round(box.width),
            }
          );
        },
      ),
    );
  const server = await positions();
  expect(server.every(Boolean)).toBe(true);
  expect(await page.locator("#server-page").count()).toBe(1);
  expect(await page.title()).toBe(`${title} · Inkwell`);

  release();
  await expect.poll(() => page.locator("#server-page").count()).toBe(0);
  // The app's own parts of the page are there: the favourite link, the conversation.
  await page.getByRole("link", { name: "Log in to favourite 0" }).waitFor();
  await page.getByText("No comments yet.").waitFor();
  // The app's article sits exactly where the server's was: the reader sees one page.
  expect(await positions()).toEqual(server);
  expect(await page.evaluate(() => (window as unknown as { __shifts: string[] }).__shifts)).toEqual(
    [],
  );
  expect(await page.title()).toBe(`${title} · Inkwell`);
  expect(problems).toEqual([]);
  // The body the server rendered is shown as it is: with no comments to render, the page never
  // downloads the Markdown renderer (52 kB) for text the reader already has.
  expect(await page.locator(".post-body strong").textContent()).toBe("bold");
  expect(scripts.some((path) => /MarkdownRenderer/.test(path))).toBe(false);
  await context.close();
});

test("When the server has no page for a post (unknown id), then the app says so as it always has", async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${webUrl}/posts/2000000000`);
  await page.getByRole("heading", { level: 1, name: "Post not found" }).waitFor();
  expect(await page.locator("#server-page").count()).toBe(0);
  expect(await page.title()).toBe("Post not found · Inkwell");
});
