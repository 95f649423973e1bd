import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { E2E_ADMIN_EMAIL } from "../setup/testEnv";
import { commentOn, publishPost, registerUser } from "./api";
import { launchBrowser } from "./browser";
import { logIn, signUp, unique } from "./flows";

// axe-core on every page, in the light and the dark theme: the issue asks for 0 violations.
// To check another page, add a row to PAGES (who opens it, its path, what shows when ready).

type Who = "visitor" | "user" | "admin";
type Scene = { postId: number; userId: number; username: string };
// `hold`: requests left unanswered, to check a state the page passes through (the server's paint
// of a post, which shows until the app has the post's data).
const PAGES: {
  name: string;
  who: Who;
  path: (scene: Scene) => string;
  ready: string;
  hold?: string;
}[] = [
  { name: "home, signed out", who: "visitor", path: () => "/", ready: "main h1" },
  { name: "home, signed in", who: "user", path: () => "/", ready: "main h1" },
  { name: "a post", who: "visitor", path: (s) => `/posts/${s.postId}`, ready: "main h1" },
  {
    name: "a post as the server paints it",
    who: "visitor",
    path: (s) => `/posts/${s.postId}`,
    ready: "#server-page main h1",
    hold: "**/operations/get-post",
  },
  { name: "login", who: "visitor", path: () => "/login", ready: "main form" },
  { name: "signup", who: "visitor", path: () => "/signup", ready: "main form" },
  { name: "a profile", who: "visitor", path: (s) => `/users/${s.userId}`, ready: "main h1" },
  { name: "a profile by handle", who: "visitor", path: (s) => `/@${s.username}`, ready: "main h1" },
  { name: "search", who: "visitor", path: () => "/search?q=accessible", ready: "main h1" },
  { name: "editor", who: "user", path: () => "/editor", ready: "main h1" },
  { name: "settings", who: "user", path: () => "/settings", ready: "main h1" },
  { name: "moderation", who: "admin", path: () => "/admin", ready: "main h1" },
];
const THEMES = ["light", "dark"] as const;

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), {
  encoding: "utf8",
});
const webUrl = inject("webUrl");
let browser: Browser;
let scene: Scene;
const contexts = new Map<Who, BrowserContext>();

beforeAll(async () => {
  browser = await launchBrowser();
  const author = await registerUser("Reviewer");
  const post = await publishPost(author.token, {
    title: unique("Accessible by design"),
    description: "A post for the accessibility check",
    content:
      "## A heading\n\nSome *emphasis*, a [link](https://example.com) and a list:\n\n- one\n- two",
  });
  await commentOn(author.token, post.id, "A comment, so the thread is not empty.");
  scene = { postId: post.id, userId: author.id, username: author.username };
  for (const who of ["visitor", "user", "admin"] as const) {
    // bypassCSP: axe is injected as an inline <script>, which the strict CSP the web server
    // sends (deploy/security-headers.mjs) rightly blocks. Only these contexts lift it; the
    // security-headers test checks the CSP itself.
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    if (who === "user") {
      const reader = await registerUser("Reader");
      await logIn(page, webUrl, reader.email);
      await page.getByText(`Signed in as ${reader.name}`).waitFor();
    }
    if (who === "admin") await signUp(page, webUrl, "Admin", E2E_ADMIN_EMAIL);
    await page.close();
    contexts.set(who, context);
  }
}, 120_000);
afterAll(() => browser?.close());

type Violation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
};

async function violationsOn(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) {
    await page.addScriptTag({ content: axeSource });
  }
  return page.evaluate(async () => {
    const { violations } = await (
      globalThis as unknown as { axe: { run: () => Promise<{ violations: Violation[] }> } }
    ).axe.run();
    return violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  });
}

/** One line per element: "dark  color-contrast (serious) main > p: Fix …". */
const explain = (theme: string, violations: Violation[]) =>
  violations.flatMap((v) =>
    v.nodes.map(
      (node) =>
        `${theme.padEnd(5)} ${v.id} (${v.impact}) ${node.target.join(" ")}: ${v.help}` +
        (node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, " ")}` : ""),
    ),
  );

test.each(PAGES)(
  "When $name is checked by axe in both themes, then it has no violations",
  async (spec) => {
    const page = await contexts.get(spec.who)!.newPage();
    if (spec.hold) await page.route(spec.hold, () => undefined);
    const problems: string[] = [];
    for (const colorScheme of THEMES) {
      await page.emulateMedia({ colorScheme });
      await page.goto(`${webUrl}${spec.path(scene)}`);
      await page.locator(spec.ready).first().waitFor();
      if (!spec.hold) {
        await page
          .getByRole("status")
          .filter({ hasText: /Loading/ })
          .first()
          .waitFor({ state: "detached" });
      }
      problems.push(...explain(colorScheme, await violationsOn(page)));
    }
    await page.close();
    expect(problems, `axe on ${spec.name} (${spec.path(scene)}):\n${problems.join("\n")}`).toEqual(
      [],
    );
  },
);
