import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { WEB_BUILD_DIR } from "../../scripts/lib/build.mjs";

// What the first page load must fetch before the app runs, gzipped. The goal is 120 kB; today it
// is ~129 kB, and ~121 kB of that is the floor of Wasp's client runtime with no page in it
// (react-dom 64, react-router 32, react-query 10, ky 8, superjson 4, react + scheduler 4;
// docs/architecture.md, "The web app's first load"). Zod (25 kB) is kept off it by
// tools/vite/leanClient.ts. The ceiling keeps it from growing; the admin page, the editor and
// the Markdown renderer are split off (loaded only on their routes).
// Read from the production web build the test setup keeps current (scripts/lib/build.mjs).
// Vite emits no manifest here, so the graph comes from the HTML's scripts and modulepreload
// links, then every static `import … from "./chunk.js"` inside those chunks (a dynamic
// `import("./chunk.js")` is a lazily loaded page and stays out).

const GOAL_BYTES = 120 * 1024;
const BUDGET_BYTES = 135 * 1024;
const html = readFileSync(join(WEB_BUILD_DIR, "200.html"), "utf8");
const read = (url: string) => readFileSync(join(WEB_BUILD_DIR, url.replace(/^\//, "")), "utf8");

/** The URLs the HTML loads as scripts: classic, module entries and modulepreloads. */
function entryScripts() {
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)];
  return [...scripts, ...preloads.map((m) => m[1]!)].filter((url) => url.startsWith("/"));
}

/** Static imports of a chunk (`import{a}from"./x.js"`, `import"./x.js"`), as root URLs. */
function staticImports(url: string, source: string) {
  const dir = url.slice(0, url.lastIndexOf("/") + 1);
  const found = source.matchAll(
    /(?:^|[;\s}])import\s*(?:[\w$*{},\s]+?\s*from\s*)?["']([^"']+)["']/g,
  );
  return [...found].map((m) => new URL(m[1]!, `http://build${dir}`).pathname);
}

function mainBundle() {
  const chunks = new Map<string, number>();
  const queue = entryScripts();
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (chunks.has(url)) continue;
    const source = read(url);
    chunks.set(url, gzipSync(source).length);
    if (url.endsWith(".js")) queue.push(...staticImports(url, source));
  }
  return chunks;
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

describe("the main bundle", () => {
  const chunks = mainBundle();
  const total = [...chunks.values()].reduce((sum, size) => sum + size, 0);
  const table = [...chunks]
    .sort((a, b) => b[1] - a[1])
    .map(([url, size]) => `  ${kB(size).padStart(9)}  ${url}`)
    .join("\n");

  test("When the first page load's scripts are gzipped, then together they stay under the 135 kB ceiling", () => {
    console.info(
      `main bundle: ${kB(total)} gzipped (ceiling ${kB(BUDGET_BYTES)}, goal ${kB(GOAL_BYTES)})\n${table}`,
    );
    expect(chunks.size).toBeGreaterThan(1); // the entry and at least one chunk it imports
    expect(total, `main bundle ${kB(total)} gzipped:\n${table}`).toBeLessThan(BUDGET_BYTES);
  });

  test("When the main bundle is listed, then Zod is not in it (no page needs it before a form)", () => {
    // Zod names its schema classes ("$ZodObject"); minifying keeps the strings.
    const zod = /["'`]\$ZodObject["'`]/;
    const withZod = [...chunks.keys()].filter((url) => zod.test(read(url)));
    expect(withZod).toEqual([]);
    // And it is still bundled for the pages whose forms validate with it.
    const assets = readdirSync(join(WEB_BUILD_DIR, "assets")).filter((n) => n.endsWith(".js"));
    expect(assets.some((name) => zod.test(read(`/assets/${name}`)))).toBe(true);
  });

  test("When the main bundle is listed, then the admin page and the editor are not in it", () => {
    // Chunks are named after their module (ModerationPage-<hash>.js, EditorPage-<hash>.js):
    // a lazily loaded page has its own; the editor may not exist yet, which passes.
    const names = [...chunks.keys()].map((url) => url.split("/").pop()!);
    expect(names.filter((name) => /ModerationPage|Editor/.test(name))).toEqual([]);
    const lazy = /import\(\s*["'`][^"'`]*ModerationPage-[\w-]+\.js["'`]\s*\)/;
    expect(
      [...chunks.keys()].some((url) => lazy.test(read(url))),
      "ModerationPage is lazy",
    ).toBe(true);
    // And its code is in no main chunk under another name (the page's own heading).
    for (const url of chunks.keys()) {
      expect(read(url), url).not.toContain("Only admins can open the moderation page");
    }
  });
});
