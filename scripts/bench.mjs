// npm run bench: throughput, latency and server CPU per request of Inkwell's hot paths, each
// measured in one run against a floor on the same machine:
//   - a bare Node `http` hello (the machine's ceiling) and a bare Express hello (the framework's
//     floor cost), for the cached feed;
//   - bare Express sending the feed page's own bytes from memory (the floor for that size);
//   - a database floor, scripts/bench/floor-server.cjs: bare Express + `pg` (a pool the app's
//     size) sending the same SQL the app sends and the same JSON, for the uncached feed, the
//     single post and the signed-in write (JWT checked as the app does, user and session re-read,
//     INSERT … RETURNING and the slug row);
//   - the REST cached feed, for the browser's cached feed (the Wasp operation getFeed, POSTed to
//     /operations/get-feed with a superjson body, as the web client does).
// The app runs as built (server bundle, NODE_ENV=production) against PostgreSQL and Redis with
// BENCH_POSTS seeded posts by BENCH_USERS authors (10,000 and 100; scripts/bench/seed.mjs).
// This machine's speed drifts by up to 2x within minutes, so every scenario runs in each of
// BENCH_ROUNDS rounds (interleaved) and the report gives medians: of req/s, latencies and CPU
// per request per scenario, and of the ratios (req/s and requests per CPU second) computed
// within each round. The app logs as in production (LOG_LEVEL=info: one access line per
// request, to /dev/null). Saved in bench-results/latest.json.
// Options: BENCH_PORT_BASE (3500; the bench uses BASE+1…BASE+6), BENCH_DATABASE_NAME
// (inkwell_bench), BENCH_SECONDS per scenario and round (default 2), BENCH_ROUNDS (7),
// BENCH_CONNECTIONS (50), BENCH_POSTS (10000), BENCH_USERS (100), BENCH_PROFILE=1 (CPU profiles
// of the app, the uncached app and the read floor, each summarised at the end), BENCH_ONLY=cached (only the baselines, the scenarios whose
// title contains one of the comma-separated words and their floors, e.g. to profile one alone).
// Growth mode (`npm run bench -- --growth` or BENCH_GROWTH=1, scripts/bench/growth.mjs): the
// uncached reads (first page, page 1,000 by cursor, an author's feed, one post) at 10,000 posts
// (database BENCH_DATABASE_NAME_small) and at BENCH_POSTS/BENCH_USERS (default 1,000,000 and
// 100,000), or at each of BENCH_GROWTH_SIZES (posts, comma-separated, the first the baseline:
// e.g. 10000,1000000,5000000; the sizes between first and last in BENCH_DATABASE_NAME_<posts>),
// one app per size measured in the same rounds; ratios to the first size, the servers' peak RSS
// under load, EXPLAIN (ANALYZE, BUFFERS) of the first page and page 1,000 and Post's table and
// index sizes; saved in bench-results/growth.json.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import {
  localRedisUrl,
  productionEnv,
  scratchDatabaseUrl,
  serverNodeModules,
  startApp,
  startProcess,
} from "./lib/app-process.mjs";
import { ensureServerBundle } from "./lib/build.mjs";
import { redact } from "./lib/database.mjs";
import { log } from "./lib/process.mjs";
import { growth } from "./bench/growth.mjs";
import {
  CONNECTIONS,
  ROUNDS,
  SECONDS,
  printTable,
  ratiosOf,
  runRounds,
  summarise,
} from "./bench/measure.mjs";
import { seed } from "./bench/seed.mjs";

const GROWTH = process.argv.includes("--growth") || process.env.BENCH_GROWTH === "1";
const POSTS = Number(process.env.BENCH_POSTS ?? (GROWTH ? 1_000_000 : 10_000));
const USERS = Number(process.env.BENCH_USERS ?? (GROWTH ? 100_000 : 100));
// Growth mode's sizes in posts, the first the baseline: BENCH_GROWTH_SIZES=10000,1000000,5000000.
const GROWTH_SIZES = (process.env.BENCH_GROWTH_SIZES ?? `10000,${POSTS}`)
  .split(",")
  .map((posts) => Number(posts.replaceAll("_", "")));
// Ports BASE+1…BASE+5 and the scratch database are configurable so two benches can run side by side.
const DATABASE_NAME = process.env.BENCH_DATABASE_NAME ?? "inkwell_bench";
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3500);
const port = (offset) => PORT_BASE + offset;
const RESULTS_DIR = "bench-results";
// BENCH_PROFILE=1: where each profiled server's CPU profile goes.
const PROFILES = [
  ["the app", join(RESULTS_DIR, "profile")],
  ["the uncached app", join(RESULTS_DIR, "profile-uncached")],
  ["the read floor", join(RESULTS_DIR, "profile-read-floor")],
];
const cleanups = [];

const HELLO_HTTP = `
require("node:http").createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"hello":"world"}');
}).listen(Number(process.env.PORT), () => console.log("ready"));`;

// Also serves, at /page, the feed page the app sends (its bytes, from memory): what bare Express
// costs for a response of the same size, the floor for the cached feed.
const HELLO_EXPRESS = `
const express = require("express");
const page = Buffer.from(process.env.PAGE ?? "", "base64");
const app = express();
app.get("/", (req, res) => res.json({ hello: "world" }));
app.get("/page", (req, res) => res.type("json").send(page));
app.listen(Number(process.env.PORT), () => console.log("ready"));`;

function summariseProfile(dir) {
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) return [];
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8"));
  const self = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  // Shares of the time the process was busy (idle time depends on how long each server waited).
  const busy = profile.samples.filter((id) => byId.get(id).callFrame.functionName !== "(idle)");
  const total = busy.length;
  for (const id of busy) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url ? url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\//, "") : "";
    const key = `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([name, samples]) => `${((samples / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
}

async function main() {
  await ensureServerBundle({ log });
  const db = await scratchDatabaseUrl(DATABASE_NAME, process.env.BENCH_DATABASE_URL);
  const redis = await localRedisUrl({ given: process.env.BENCH_REDIS_URL, port: 6392, cleanups });
  const appEnv = productionEnv({
    databaseUrl: db,
    redisUrl: redis,
    redisPrefix: `inkwell-bench:${Date.now()}:`,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
  });
  if (GROWTH) {
    // Each size gets a database of its own, so all are measured in the same rounds: the first
    // (the baseline, 100 authors) BENCH_DATABASE_NAME_small, the last BENCH_DATABASE_NAME.
    const sizes = GROWTH_SIZES.map((posts, i) => ({ posts, users: i === 0 ? 100 : USERS }));
    const databases = await Promise.all(
      sizes.map((size, i) =>
        i === sizes.length - 1
          ? db
          : scratchDatabaseUrl(
              i === 0 ? `${DATABASE_NAME}_small` : `${DATABASE_NAME}_${size.posts}`,
              process.env.BENCH_DATABASE_URL,
            ),
      ),
    );
    const summary = await growth({
      databases,
      appEnv,
      ports: sizes.map((_, i) => port(4 + i)),
      sizes,
      portBase: PORT_BASE,
      cleanups,
    });
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, "growth.json"), JSON.stringify(summary, null, 2));
    return false;
  }
  log(`seeding ${POSTS} posts by ${USERS} authors into ${redact(db)}; Redis at ${redis}`);
  const seeded = await seed(db, { posts: POSTS, users: USERS });
  const seedSeconds = seeded.seconds;
  log(`seeded in ${seedSeconds.toFixed(1)} s (${JSON.stringify(seeded.steps)})`);

  const profile = process.env.BENCH_PROFILE === "1";
  if (profile) {
    for (const [, dir] of PROFILES) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
  }

  const started = async (promise) => {
    const handle = await promise;
    cleanups.push(() => handle.stop());
    return handle;
  };
  const nodeHttp = await started(
    startProcess({ name: "node http", args: ["-e", HELLO_HTTP], env: { PORT: String(port(1)) } }),
  );
  const profileArgs = (dir) => (profile ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : []);
  const app = await started(
    startApp({
      port: port(3),
      env: appEnv,
      nodeArgs: profileArgs(PROFILES[0][1]),
      discardStdout: true,
    }),
  );
  const uncachedApp = await started(
    startApp({
      port: port(4),
      env: { ...appEnv, FEED_CACHE: "off" },
      nodeArgs: profileArgs(PROFILES[1][1]),
      discardStdout: true,
    }),
  );
  const floor = await started(
    startProcess({
      name: "floor",
      args: ["scripts/bench/floor-server.cjs"],
      env: { PORT: String(port(5)), DATABASE_URL: db, API_JWT_SECRET: appEnv.API_JWT_SECRET },
    }),
  );

  // The floor of the uncached reads: bare Express + pg running the app's own statements
  // (scripts/bench/readFloor.ts), bundled outside the tree where no linter looks.
  const readFloorFile = join(tmpdir(), `inkwell-read-floor-${PORT_BASE}.cjs`);
  buildSync({
    entryPoints: ["scripts/bench/readFloor.ts"],
    bundle: true,
    platform: "node",
    outfile: readFloorFile,
    external: ["pg-native"],
    logLevel: "warning",
  });
  const readFloor = await started(
    startProcess({
      name: "read floor",
      args: [...profileArgs(PROFILES[2][1]), readFloorFile],
      env: { PORT: String(port(6)), DATABASE_URL: db, NODE_ENV: "production" },
    }),
  );

  const feed = "/api/v1/posts";
  // A post in the middle of the seeded ones; GET /posts/:id is never cached by the app.
  const single = `${feed}/${Math.ceil(POSTS / 2)}`;
  const register = await fetch(`http://localhost:${port(3)}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: `bench${Date.now()}@bench.inkwell`,
      name: "Bench",
      password: "bench pass 1",
    }),
  });
  const { accessToken } = await register.json();
  const first = await fetch(`http://localhost:${port(3)}${feed}`);
  const page = Buffer.from(await first.arrayBuffer());
  await sameAnswers(`http://localhost:${port(4)}`, `http://localhost:${port(6)}`, [feed, single]);
  const express = await started(
    startProcess({
      name: "express",
      args: ["-e", HELLO_EXPRESS],
      env: { PORT: String(port(2)), NODE_PATH: serverNodeModules, PAGE: page.toString("base64") },
    }),
  );

  const write = {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ title: "Benchmark post", content: "Written under load." }),
  };
  // `baseline`: always run; `floorOf`: run whenever the scenario it is the floor of runs.
  const scenarios = [
    [
      "bare node http hello",
      { url: `http://localhost:${port(1)}/`, server: nodeHttp, baseline: true },
    ],
    [
      "bare express hello",
      { url: `http://localhost:${port(2)}/`, server: express, baseline: true },
    ],
    [
      `bare express, same page (${(page.length / 1024).toFixed(1)} KB)`,
      { url: `http://localhost:${port(2)}/page`, server: express, baseline: true },
    ],
    [CACHED, { url: `http://localhost:${port(3)}${feed}`, server: app }],
    // The web client's call: superjson's {"json": args}, the feed's first page having none.
    [
      BROWSER,
      {
        url: `http://localhost:${port(3)}/operations/get-feed`,
        server: app,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: {} }),
      },
    ],
    [UNCACHED, { url: `http://localhost:${port(4)}${feed}`, server: uncachedApp }],
    [
      FLOOR_FEED,
      { url: `http://localhost:${port(6)}${feed}`, server: readFloor, floorOf: UNCACHED },
    ],
    [SINGLE, { url: `http://localhost:${port(3)}${single}`, server: app }],
    [
      FLOOR_SINGLE,
      { url: `http://localhost:${port(6)}${single}`, server: readFloor, floorOf: SINGLE },
    ],
    // A post's first page of comments (20; never cached): one statement, like the posts.
    [
      "GET /api/v1/posts/:id/comments (20)",
      { url: `http://localhost:${port(3)}${single}/comments`, server: app },
    ],
    [
      "GET /api/v1/posts 304",
      {
        url: `http://localhost:${port(3)}${feed}`,
        server: app,
        // The POST scenario changes the feed between rounds: ask with its ETag of the moment.
        prepare: async () => ({
          headers: {
            "if-none-match": (await fetch(`http://localhost:${port(3)}${feed}`)).headers.get(
              "etag",
            ),
          },
        }),
        expectStatus: 304,
        includeErrorStats: true,
      },
    ],
    // The RealWorld door's first page: the same cached page, reshaped into its envelope, plus
    // the viewer's flags (one query) when signed in.
    [
      "GET /api/articles (anonymous)",
      { url: `http://localhost:${port(3)}/api/articles`, server: app },
    ],
    [
      "GET /api/articles (signed in)",
      {
        url: `http://localhost:${port(3)}/api/articles`,
        server: app,
        headers: { authorization: `Token ${accessToken}` },
      },
    ],
    [WRITE, { url: `http://localhost:${port(3)}${feed}`, server: app, ...write }],
    [
      FLOOR_WRITE,
      { url: `http://localhost:${port(5)}${feed}`, server: floor, floorOf: WRITE, ...write },
    ],
  ];
  const only = process.env.BENCH_ONLY?.split(",").filter(Boolean);
  const picked = (title) => !only || only.some((word) => title.includes(word));
  const chosen = scenarios
    .filter(
      ([title, { baseline, floorOf }]) => baseline || picked(title) || (floorOf && picked(floorOf)),
    )
    .map(([title, { baseline: _b, floorOf: _f, ...options }]) => [title, options]);
  const rounds = await runRounds(chosen);
  const results = summarise(chosen, rounds);
  const ratio = ratiosOf(chosen, rounds);
  const [httpTitle, expressTitle, expressPageTitle] = chosen.map(([title]) => title);
  const cached = results.find((r) => r.title === CACHED);
  console.log(`\nmedians of ${ROUNDS} rounds (${POSTS} posts, ${USERS} authors)`);
  printTable(results);

  // Each: [name, what is printed, scenario, its floor, target of the req/s ratio].
  const targets = [
    ["uncachedFeedVsFloor", "uncached feed / its floor", UNCACHED, FLOOR_FEED, 0.8],
    ["singlePostVsFloor", "single post / its floor", SINGLE, FLOOR_SINGLE, 0.8],
    ["writeVsFloor", "authenticated write / its floor", WRITE, FLOOR_WRITE, 0.6],
    ["browserCachedFeedVsRestCached", "browser cached getFeed / REST cached", BROWSER, CACHED, 0.8],
    ["cachedVsExpress", "cached feed / bare express hello", CACHED, expressTitle, 0.6],
  ];
  const summary = {
    date: new Date().toISOString(),
    seconds: SECONDS,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    posts: POSTS,
    users: USERS,
    seedSeconds: Number(seedSeconds.toFixed(1)),
    results,
    ratios: {
      ...Object.fromEntries(targets.map(([name, , a, b]) => [name, ratio.rps(a, b)])),
      cachedVsExpressSamePage: ratio.rps(CACHED, expressPageTitle),
      cachedVsUncached: ratio.rps(CACHED, UNCACHED),
      cachedVsNodeHttp: ratio.rps(CACHED, httpTitle),
      expressVsNodeHttp: ratio.rps(expressTitle, httpTitle),
    },
    // Requests per server CPU second, as a ratio: the other's CPU per request over this one's.
    byServerCpu: {
      ...Object.fromEntries(targets.map(([name, , a, b]) => [name, ratio.cpu(a, b)])),
      cachedVsExpressSamePage: ratio.cpu(CACHED, expressPageTitle),
    },
    targets: Object.fromEntries(targets.map(([name, , , , target]) => [name, target])),
    cachedP99TargetMs: 25,
    rssTargetMb: RSS_TARGET_MB,
    cachedVsExpressPerRound: ratio.perRound(CACHED, expressTitle),
  };
  console.log("\nratio (median of the per-round ratios)     req/s   target          by server CPU");
  for (const [name, label, , , target] of targets) {
    const value = summary.ratios[name];
    const verdict = value === null ? "" : value >= target ? "ok" : "below";
    const cpu = summary.byServerCpu[name];
    console.log(
      `${label.padEnd(40)} ${String(value ?? "n/a").padStart(6)}   ≥ ${target} ${verdict.padEnd(6)} ${String(cpu ?? "n/a").padStart(12)}`,
    );
  }
  console.log(
    `cached feed / bare express, same page: ${summary.ratios.cachedVsExpressSamePage} (by CPU ${summary.byServerCpu.cachedVsExpressSamePage}; the framework's floor for this response)`,
  );
  console.log(`cached feed / uncached feed: ${summary.ratios.cachedVsUncached} (target ≥ 3)`);
  console.log(`cached feed p99: ${cached?.p99 ?? "n/a"} ms (target ≤ 25 ms)`);
  // The app's own scenarios (the baselines and floors are other servers).
  const appResults = results.filter((r) => !/^(bare|floor:) /.test(r.title));
  const rssPeakMb = Math.max(...appResults.map((r) => r.rssMb));
  summary.rssPeakMb = rssPeakMb;
  const rssVerdict = rssPeakMb < RSS_TARGET_MB ? "ok" : "above";
  console.log(
    `server RSS under load: ${rssPeakMb} MB peak (target < ${RSS_TARGET_MB} MB) ${rssVerdict}`,
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, "latest.json"), JSON.stringify(summary, null, 2));
  return profile;
}

// A container's memory limit has to allow the peak; the target for one instance.
const RSS_TARGET_MB = 300;
const CACHED = "GET /api/v1/posts (cached)";
const BROWSER = "POST /operations/get-feed (cached, browser)";
const UNCACHED = "GET /api/v1/posts (no cache)";
const FLOOR_FEED = "floor: GET /api/v1/posts (express + pg)";
const SINGLE = "GET /api/v1/posts/:id";
const FLOOR_SINGLE = "floor: GET /api/v1/posts/:id (express + pg)";
const WRITE = "POST /api/v1/posts";
const FLOOR_WRITE = "floor: POST /api/v1/posts (express + pg)";

/** Refuses to measure a floor that answers differently from the app (another size is other work). */
async function sameAnswers(appUrl, floorUrl, paths) {
  for (const path of paths) {
    const [ours, theirs] = await Promise.all(
      [appUrl, floorUrl].map((base) => fetch(`${base}${path}`).then((r) => r.text())),
    );
    if (ours !== theirs) {
      throw new Error(
        `the floor's ${path} differs from the app's (${theirs.length} vs ${ours.length} bytes):\n${theirs.slice(0, 300)}\n${ours.slice(0, 300)}`,
      );
    }
  }
}

let failure = null;
let profile = false;
try {
  profile = await main();
} catch (error) {
  failure = error;
}
for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
if (failure) {
  console.error(failure);
  process.exit(1);
}
if (profile) {
  for (const [name, dir] of PROFILES) {
    console.log(
      `\nCPU profile of ${name} during the run, top self time, share of busy time (${dir}):`,
    );
    for (const line of summariseProfile(dir)) console.log(line);
  }
}
