import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { inlineScriptHashes, webSecurityHeaders } from "../../deploy/security-headers.mjs";
import { WEB_BUILD_DIR } from "../../scripts/lib/web-server.mjs";
import { E2E_SERVER_URL } from "../setup/ports.mjs";
import { E2E_ADMIN_EMAIL } from "../setup/testEnv";
import { launchBrowser } from "./browser";
import { publish, signUp, unique } from "./flows";

// Every page of the built app, served the way the tests serve it, runs under the strict
// Content-Security-Policy of deploy/security-headers.mjs without a single violation, and no
// other site can frame it. Guards against a header set that is missing in one place, and
// against a CSP that blocks the app's own code (which would only show in a real browser).
let browser: Browser;
const webUrl = inject("webUrl");
const expected = webSecurityHeaders({
  apiUrl: E2E_SERVER_URL,
  scriptHashes: inlineScriptHashes(WEB_BUILD_DIR),
});

// Runs before any script of the page: a violation is recorded even if the app never starts.
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline"));
  });
`;

type Watched = { page: Page; problems: string[]; checkedAssets: Set<string> };

async function watchedPage(context: BrowserContext): Promise<Watched> {
  await context.addInitScript(RECORD_VIOLATIONS);
  const page = await context.newPage();
  const watched: Watched = { page, problems: [], checkedAssets: new Set() };
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) watched.problems.push(message.text());
  });
  page.on("pageerror", (error) => watched.problems.push(`page error: ${error.message}`));
  // Scripts, styles and the favicon come from the web server too: each carries the same set.
  page.on("response", (response) => {
    if (!response.url().startsWith(webUrl)) return;
    const path = new URL(response.url()).pathname;
    const missing = missingHeaders(response.headers());
    if (missing.length > 0) watched.problems.push(`${path} lacks ${missing.join(", ")}`);
    watched.checkedAssets.add(path);
  });
  return watched;
}

function missingHeaders(headers: Record<string, string>) {
  return Object.entries(expected)
    .filter(([name, value]) => headers[name.toLowerCase()] !== value)
    .map(([name]) => name);
}

/** Opens `path` as a fresh document, waits for the app to render, returns what went wrong. */
async function visit({ page, problems }: Watched, path: string) {
  const response = await page.goto(`${webUrl}${path}`);
  expect(response?.status(), path).toBe(200);
  expect(missingHeaders(response!.headers()), `${path}: headers missing or different`).toEqual([]);
  const rendered = await page
    .locator("main > *")
    .first()
    .waitFor({ timeout: 10_000 })
    .then(() => page.waitForLoadState("networkidle"))
    .then(
      () => "rendered",
      () => "did not render",
    );
  const violations = await page.evaluate<string[]>("window.__cspViolations");
  expect([...violations, ...problems], `${path}: CSP violations or errors`).toEqual([]);
  expect(rendered, path).toBe("rendered");
}

// Another origin (other host and port) that tries to show /admin in a frame.
const framer: Server = createServer((_req, res) => {
  res.setHeader("Content-Type", "text/html");
  res.end(`<!doctype html><title>framer</title><iframe src="${webUrl}/admin"></iframe>`);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => framer.listen(0, "127.0.0.1", resolve));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  if (framer.listening) await new Promise((resolve) => framer.close(resolve));
});

test("When a visitor opens every public page, then each carries the security headers and the app runs without a CSP violation", async () => {
  const visitor = await watchedPage(await browser.newContext());
  for (const path of [
    "/",
    "/login",
    "/signup",
    "/request-password-reset",
    "/password-reset",
    "/email-verification",
    "/posts/999999999", // the SPA fallback for a post that does not exist
  ]) {
    await visit(visitor, path);
  }
  expect([...visitor.checkedAssets].some((path) => path.startsWith("/assets/"))).toBe(true);
});

test("When the admin opens a post, the moderation page and their profile, then each carries the headers without a CSP violation", async () => {
  const admin = await watchedPage(await browser.newContext());
  // Signing up an existing, verified email logs in instead (see moderation.e2e.test.ts).
  await signUp(admin.page, webUrl, "Admin", E2E_ADMIN_EMAIL);
  const title = unique("Headers");
  await publish(admin.page, title, "Checked under the strict CSP.");
  // publish() ends on the new post's page.
  const postPath = new URL(admin.page.url()).pathname;
  const profilePath = await admin.page
    .getByRole("link", { name: /Signed in as/ })
    .getAttribute("href");
  expect(postPath).toMatch(/^\/posts\/\d+$/);
  expect(profilePath).toMatch(/^\/@[\w-]+$/);

  for (const path of [postPath!, "/admin", profilePath!]) await visit(admin, path);
  await admin.page.getByRole("link", { name: "Moderation" }).click();
  await admin.page.getByRole("heading", { level: 1, name: "Moderation" }).waitFor();
  await admin.page.waitForLoadState("networkidle");
  expect(await admin.page.evaluate<string[]>("window.__cspViolations")).toEqual([]);
  expect(admin.problems).toEqual([]);
});

test("When a page on another origin frames /admin, then the browser refuses to show it", async () => {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signUp(admin, webUrl, "Admin", E2E_ADMIN_EMAIL);
  const page = await context.newPage();
  const { port } = framer.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator("iframe").waitFor();
  // A refused frame is replaced by the browser's error page; an allowed one shows the app.
  await expect
    .poll(
      () =>
        page
          .frames()
          .find((frame) => frame !== page.mainFrame())
          ?.url() ?? "pending",
    )
    .not.toBe("pending");
  await page.waitForLoadState("load");
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame())!;
  const rendered = await frame
    .getByRole("link", { name: "Inkwell", exact: true })
    .waitFor({ timeout: 3000 })
    .then(
      () => true,
      () => false,
    );
  expect(frame.url()).not.toBe(`${webUrl}/admin`);
  expect(rendered).toBe(false);
});
