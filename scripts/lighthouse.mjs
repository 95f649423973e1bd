// npm run lighthouse: Lighthouse (its default, mobile config) on the home page and a post page
// of the production build, served the way nginx serves it (scripts/lib/web-server.mjs: the same
// security headers, gzip and cache headers, and the server proxied on the same origin), against
// the built server on a scratch database with a few seeded posts. Prints the four category scores per page and fails below the
// issue's bar, naming each audit that cost points. LIGHTHOUSE_JSON_DIR=<dir> keeps the reports.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import {
  localRedisUrl,
  portFree,
  prepareDatabase,
  productionEnv,
  scratchDatabaseUrl,
  startApp,
} from "./lib/app-process.mjs";
import { ensureBuilds } from "./lib/build.mjs";
import { exitWith, log } from "./lib/process.mjs";
import { startWebServer } from "./lib/web-server.mjs";
import { E2E_SERVER_PORT, E2E_SERVER_URL } from "../test/setup/ports.mjs";

export const MINIMUM = { performance: 95, accessibility: 100, "best-practices": 100, seo: 95 };
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const WEB_PORT = Number(process.env.LIGHTHOUSE_WEB_PORT ?? 3330);
// The same flags as the browser tests (test/e2e/browser.ts): no network beyond localhost.
const CHROME_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Registers an author through REST and publishes a few posts; returns the longest one. */
async function seed(apiUrl) {
  const post = async (path, body, token) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`seed ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const { accessToken } = await post("/api/v1/auth/register", {
    email: "lighthouse@local.inkwell",
    username: "lighthouse",
    name: "Light House",
    password: "lighthouse pass 42",
  });
  const paragraph =
    "Long-form writing needs a calm page: a comfortable measure, generous line height and " +
    "type that stays readable in both themes. ";
  const posts = [];
  for (const [index, title] of ["On measure", "Why line height matters", "Dark mode"].entries()) {
    posts.push(
      await post(
        "/api/v1/posts",
        {
          title,
          description: `Notes on ${title.toLowerCase()}`,
          content: `## ${title}\n\n${paragraph.repeat(6 + index)}\n\n- one\n- two\n\n> A quote.`,
          tags: ["typography", "reading"],
        },
        accessToken,
      ),
    );
  }
  return posts[0];
}

// Lighthouse's own advice for these is "run Lighthouse again": a trace that recorded no
// navigation is a failed measurement, not a score.
const RETRYABLE = new Set(["NO_NAVSTART", "NO_FCP", "NO_TRACING_STARTED"]);

async function audit(url, port, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port, output: "json", logLevel: "error" });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const code = result.lhr.runtimeError?.code;
    if (!code || !RETRYABLE.has(code) || attempt === attempts) return result.lhr;
    log(`Lighthouse: ${url}: ${code}, measuring again`);
  }
}

/** The audits that cost a category points: weighted, scored, and below 1. */
function failingAudits(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 1)
    .map(
      (a) =>
        `    ${category}: ${a.id} (${a.score}) ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ""}`,
    );
}

async function main() {
  if (!existsSync(CHROME_PATH)) throw new Error(`no Chromium at ${CHROME_PATH} (set CHROME_PATH)`);
  if (!(await portFree(E2E_SERVER_PORT))) {
    throw new Error(`port ${E2E_SERVER_PORT} is busy (browser tests running?): it is needed here`);
  }
  // As in production (deploy/nginx): one origin for pages and server, so the browser's calls
  // need no CORS preflight. The build calls that origin; the web server proxies to the app.
  const webUrl = `http://localhost:${WEB_PORT}`;
  await ensureBuilds({ apiUrl: webUrl, log });
  const cleanups = [];
  try {
    const db = await scratchDatabaseUrl("inkwell_lighthouse", process.env.LIGHTHOUSE_DATABASE_URL);
    await prepareDatabase(db);
    const redisUrl = await localRedisUrl({ port: 6393, cleanups });
    const web = await startWebServer({ port: WEB_PORT, apiUrl: webUrl, serverUrl: E2E_SERVER_URL });
    cleanups.push(() => web.stop());
    const server = await startApp({
      port: E2E_SERVER_PORT,
      env: productionEnv({
        databaseUrl: db,
        redisUrl,
        redisPrefix: `inkwell-lighthouse:${Date.now()}:`,
        WASP_WEB_CLIENT_URL: web.url,
        WASP_SERVER_URL: web.url,
      }),
    });
    cleanups.push(() => server.stop());
    const post = await seed(E2E_SERVER_URL);
    const chrome = await chromeLauncher.launch({
      chromePath: CHROME_PATH,
      chromeFlags: CHROME_FLAGS,
    });
    cleanups.push(() => chrome.kill());

    const pages = [
      ["home", `${web.url}/`],
      ["post", `${web.url}/posts/${post.id}`],
    ];
    const rows = [];
    const failures = [];
    for (const [name, url] of pages) {
      log(`Lighthouse: ${url}`);
      const lhr = await audit(url, chrome.port);
      if (process.env.LIGHTHOUSE_JSON_DIR) {
        mkdirSync(process.env.LIGHTHOUSE_JSON_DIR, { recursive: true });
        writeFileSync(join(process.env.LIGHTHOUSE_JSON_DIR, `${name}.json`), JSON.stringify(lhr));
      }
      const scores = {};
      for (const [category, minimum] of Object.entries(MINIMUM)) {
        scores[category] = Math.round((lhr.categories[category].score ?? 0) * 100);
        if (scores[category] < minimum) {
          failures.push(`  ${name}: ${category} ${scores[category]} < ${minimum}`);
          // A score of 0 with no failing audit is a run that could not measure (e.g. NO_LCP).
          if (lhr.runtimeError)
            failures.push(`    error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
          for (const ref of lhr.categories[category].auditRefs) {
            const { errorMessage } = lhr.audits[ref.id];
            if (ref.weight > 0 && errorMessage) failures.push(`    ${ref.id}: ${errorMessage}`);
          }
          failures.push(...failingAudits(lhr, category));
        }
      }
      rows.push({ page: name, ...scores });
    }
    console.table(rows);
    if (failures.length > 0) {
      throw new Error(
        `Lighthouse scores below the bar ${JSON.stringify(MINIMUM)}:\n${failures.join("\n")}`,
      );
    }
    log("Lighthouse: every page meets the bar");
  } finally {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve()
        .then(cleanup)
        .catch(() => {});
  }
}

main().catch(exitWith);
