// The checks below run in the page (and unsafeMarkup is shared with the component test): DOM types.
/// <reference lib="dom" />
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { COMMENT_MAX } from "../../src/comments/comments.schemas";
import { XSS_PAYLOADS, unsafeMarkup } from "../../src/markdown/xssPayloads";
import { httpAt } from "../http";
import { E2E_SERVER_URL } from "../setup/ports.mjs";
import { launchBrowser, screenshot } from "./browser";
import { PASSWORD, unique, uniqueEmail } from "./flows";

// The classic XSS payloads, written by a real user through /api/v1 into a post and its
// comments, rendered by the real post page in Chromium under the production CSP: nothing runs,
// no handler or script URL reaches the DOM, the CSP has nothing to block, and what Markdown
// keeps as code is shown as text. Guards the whole chain (API → storage → page), where the
// component test only sees the renderer.
let browser: Browser;
const webUrl = inject("webUrl");

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

// Runs before any of the page's scripts: a violation is recorded even if the app never starts.
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline"));
  });
`;

const api = (method: string, path: string, token: string | undefined, body: unknown) =>
  httpAt(E2E_SERVER_URL, method, `/api/v1${path}`, { token, body });

/** The payloads as few bodies as fit under `max` characters, a blank line between them. */
function bodiesOf(payloads: readonly string[], max: number) {
  const bodies: string[] = [];
  for (const payload of payloads) {
    const last = bodies.at(-1);
    if (last !== undefined && last.length + payload.length + 2 <= max) {
      bodies[bodies.length - 1] = `${last}\n\n${payload}`;
    } else bodies.push(payload);
  }
  return bodies;
}

async function hostilePost() {
  const email = uniqueEmail("xss");
  const username = `xss_${Math.random().toString(36).slice(2, 10)}`;
  const register = await api("POST", "/auth/register", undefined, {
    email,
    name: "Mallory",
    username,
    password: PASSWORD,
  });
  expect(register.status).toBe(201);
  const token = register.body.accessToken as string;
  const title = unique("Payloads");
  const created = await api("POST", "/posts", token, {
    title,
    description: "Every payload, once",
    content: ["Before the payloads.", ...XSS_PAYLOADS, "After the payloads."].join("\n\n"),
    tags: ["security"],
  });
  expect(created.status).toBe(201);
  const id = created.body.id as number;
  const comments = bodiesOf(XSS_PAYLOADS, COMMENT_MAX);
  for (const body of comments) {
    const comment = await api("POST", `/posts/${id}/comments`, token, { body });
    expect(comment.status).toBe(201);
  }
  return { id, title, comments: comments.length };
}

async function openPost(page: Page, post: { id: number; title: string; comments: number }) {
  await page.goto(`${webUrl}/posts/${post.id}`);
  await page.getByRole("heading", { level: 1, name: post.title }).waitFor();
  await page.getByText("After the payloads.").waitFor();
  await expect
    .poll(() => page.getByRole("article", { name: "Comment by Mallory" }).count())
    .toBe(post.comments);
}

test("When a post and its comments carry every XSS payload, then the page runs none of them", async () => {
  const post = await hostilePost();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(RECORD_VIOLATIONS);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await openPost(page, post);
  // Give anything deferred (image errors, autofocus, toggles) the chance to fire.
  await page.waitForTimeout(500);

  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  // The same check the component test makes, run on the page's own DOM.
  expect(await page.$eval("main", unsafeMarkup)).toEqual([]);
  expect(
    await page.evaluate(() => (window as { __cspViolations?: string[] }).__cspViolations),
  ).toEqual([]);
  expect(problems).toEqual([]);

  // Markdown keeps code as code: the payload is there, as text, in the body and the comments.
  const asCode = page.locator("main code").filter({ hasText: "<script>window.__xss=1</script>" });
  expect(await asCode.count()).toBeGreaterThanOrEqual(2 * 2); // inline + fenced, post + comment
  await expect.poll(() => asCode.first().isVisible()).toBe(true);

  // The reading layout, at desktop and phone widths, in both themes.
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 812 });
      await screenshot(page, `post-page-${width}-${colorScheme}`);
    }
  }
  await context.close();
});
