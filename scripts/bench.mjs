// npm run bench: throughput and latency of the feed's hot path, measured in one run against
// baselines on the same machine: a bare Node `http` hello (the machine's ceiling), a bare
// Express hello (the framework's floor cost) and bare Express sending the feed page's own bytes
// from memory (the floor for a response that size). The app runs as built (server bundle,
// NODE_ENV=production) against PostgreSQL and Redis with 10,000 seeded posts.
// This machine's speed drifts by up to 2x within minutes, so every scenario runs in each of
// BENCH_ROUNDS rounds (interleaved) and the report gives medians: of req/s and latencies per
// scenario, and of the ratios computed within each round.
// The app logs as in production (LOG_LEVEL=info: one access line per request, to /dev/null).
// Options: BENCH_PORT_BASE (3500), BENCH_DATABASE_NAME (inkwell_bench), BENCH_SECONDS per scenario and round (default 2), BENCH_ROUNDS (7), BENCH_CONNECTIONS (50), BENCH_PROFILE=1 (CPU profile of
// the app, summarised at the end), BENCH_ONLY=cached (only the three baselines and the scenarios
// whose title contains one of the comma-separated words, e.g. to profile one scenario alone).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { buildSync } from "esbuild";
import pg from "pg";
import {
  localRedisUrl,
  prepareDatabase,
  productionEnv,
  scratchDatabaseUrl,
  serverNodeModules,
  startApp,
  startProcess,
} from "./lib/app-process.mjs";
import { ensureServerBundle } from "./lib/build.mjs";
import { redact } from "./lib/database.mjs";
import { log } from "./lib/process.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const POSTS = 10_000;
// Ports BASE+1…BASE+5 and the scratch database are configurable so two benches can run side by side.
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3500);
const port = (offset) => PORT_BASE + offset;
const RESULTS_DIR = "bench-results";
const cleanups = [];

async function seed(url) {
  await prepareDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO "User" (email, name, username, "updatedAt")
      SELECT 'author' || i || '@bench.inkwell', 'Author ' || i, 'author_' || i, now()
      FROM generate_series(1, 100) i`);
    await client.query(
      `INSERT INTO "Post" (slug, title, description, content, "authorId", "createdAt", "updatedAt")
       SELECT 'post-' || i, 'Post ' || i, 'A post to measure with', repeat('Lorem ipsum dolor sit amet. ', 8),
              1 + i % 100, now() - (i || ' seconds')::interval, now()
       FROM generate_series(1, $1) i`,
      [POSTS],
    );
    // Every post has a slug row, two tags of ten, and a favourite or two (RealWorld lists show them).
    await client.query(`
      INSERT INTO "PostSlug" (slug, "postId") SELECT slug, id FROM "Post";
      INSERT INTO "Tag" (name) SELECT 'tag-' || i FROM generate_series(0, 9) i;
      INSERT INTO "PostTag" ("postId", "tagId", position)
        SELECT p.id, t.id, t.id % 2 FROM "Post" p JOIN "Tag" t ON t.id % 5 = p.id % 5;
      INSERT INTO "Favorite" ("userId", "postId")
        SELECT u.id, p.id FROM "Post" p JOIN "User" u ON u.id % 50 = p.id % 50;
      UPDATE "Post" p SET "favoritesCount" = (SELECT count(*) FROM "Favorite" f WHERE f."postId" = p.id);`);
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

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

// CPU time (user + system) a process has used so far, in microseconds. The server's CPU per
// request is steadier than req/s here: it does not depend on what else the machine is doing.
const TICK_US = 1e6 / Number(process.env.CLK_TCK ?? 100);
function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_US; // utime, stime
}

function load(title, { expectStatus, server, ...options }) {
  const cpuBefore = cpuMicros(server.child.pid);
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) => {
      if (error) return reject(error);
      const cpu = cpuMicros(server.child.pid) - cpuBefore;
      // A request failed when it got another status than the scenario expects (2xx, or 304).
      const answered = Object.entries(result.statusCodeStats ?? {});
      const expected = answered
        .filter(([code]) => (expectStatus ? Number(code) === expectStatus : code.startsWith("2")))
        .reduce((sum, [, stats]) => sum + stats.count, 0);
      const total = answered.reduce((sum, [, stats]) => sum + stats.count, 0);
      resolve({
        title,
        rps: Math.round(result.requests.average),
        cpuPerRequestUs: Math.round((cpu / Math.max(1, result.requests.total)) * 10) / 10,
        p50: result.latency.p50,
        p99: result.latency.p99,
        failed: total - expected + result.errors + result.timeouts,
      });
    });
  });
}

async function warm(url, { expectStatus: _status, server: _server, ...options } = {}) {
  await new Promise((resolve) =>
    autocannon({ url, connections: 10, duration: 2, ...options }, () => resolve()),
  );
}

function summariseProfile(dir) {
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) return [];
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8"));
  const self = new Map();
  const total = profile.samples.length;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const id of profile.samples) {
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
  const db = await scratchDatabaseUrl(
    process.env.BENCH_DATABASE_NAME ?? "inkwell_bench",
    process.env.BENCH_DATABASE_URL,
  );
  const redis = await localRedisUrl({ given: process.env.BENCH_REDIS_URL, port: 6392, cleanups });
  log(`seeding ${POSTS} posts into ${redact(db)}; Redis at ${redis}`);
  await seed(db);

  const appEnv = productionEnv({
    databaseUrl: db,
    redisUrl: redis,
    redisPrefix: `inkwell-bench:${Date.now()}:`,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
  });
  const profileDir = join(RESULTS_DIR, "profile");
  const profile = process.env.BENCH_PROFILE === "1";
  if (profile) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }

  const started = async (promise) => {
    const handle = await promise;
    cleanups.push(() => handle.stop());
    return handle;
  };
  const nodeHttp = await started(
    startProcess({ name: "node http", args: ["-e", HELLO_HTTP], env: { PORT: String(port(1)) } }),
  );
  const profileArgs = profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const app = await started(startApp({ port: port(3), env: appEnv, nodeArgs: profileArgs }));
  const uncachedApp = await started(
    startApp({ port: port(4), env: { ...appEnv, FEED_CACHE: "off" }, discardStdout: true }),
  );

  const feed = "/api/v1/posts";
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
  const postId = JSON.parse(page.toString()).items[0].id;
  const express = await started(
    startProcess({
      name: "express",
      args: ["-e", HELLO_EXPRESS],
      env: { PORT: String(port(2)), NODE_PATH: serverNodeModules, PAGE: page.toString("base64") },
    }),
  );

  // The floor for the uncached reads: bare Express + pg running the app's own statements.
  // Bundled outside the tree, where no linter or formatter looks.
  const floorFile = join(tmpdir(), `inkwell-pg-floor-${PORT_BASE}.cjs`);
  buildSync({
    entryPoints: ["scripts/lib/pgFloor.ts"],
    bundle: true,
    platform: "node",
    outfile: floorFile,
    external: ["pg-native"],
    logLevel: "warning",
  });
  const pgFloor = await started(
    startProcess({
      name: "express + pg",
      args: [floorFile],
      env: { PORT: String(port(5)), DATABASE_URL: db, NODE_ENV: "production" },
    }),
  );

  const scenarios = [
    ["bare node http hello", { url: `http://localhost:${port(1)}/`, server: nodeHttp }],
    ["bare express hello", { url: `http://localhost:${port(2)}/`, server: express }],
    [
      `bare express, same page (${(page.length / 1024).toFixed(1)} KB)`,
      {
        url: `http://localhost:${port(2)}/page`,
        server: express,
      },
    ],
    ["GET /api/v1/posts (cached)", { url: `http://localhost:${port(3)}${feed}`, server: app }],
    [
      "GET /api/v1/posts (no cache)",
      { url: `http://localhost:${port(4)}${feed}`, server: uncachedApp },
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
    ["bare express + pg, feed page", { url: `http://localhost:${port(5)}/posts`, server: pgFloor }],
    [
      "bare express + pg, one post",
      { url: `http://localhost:${port(5)}/posts/${postId}`, server: pgFloor },
    ],
    // Reads the feed cache cannot help: one post (never cached), and the browser's getFeed
    // operation (the cached page in Wasp's superjson envelope).
    ["GET /api/v1/posts/:id", { url: `http://localhost:${port(3)}${feed}/${postId}`, server: app }],
    [
      "POST /operations/get-feed",
      {
        url: `http://localhost:${port(3)}/operations/get-feed`,
        server: app,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: {} }),
      },
    ],
    [
      "POST /api/v1/posts",
      {
        url: `http://localhost:${port(3)}${feed}`,
        server: app,
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ title: "Benchmark post", content: "Written under load." }),
      },
    ],
  ];
  const only = process.env.BENCH_ONLY?.split(",").filter(Boolean);
  const chosen = only
    ? scenarios.filter(([title], i) => i < 3 || only.some((word) => title.includes(word)))
    : scenarios;
  const rounds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const measured = [];
    for (const [title, { prepare, ...fixed }] of chosen) {
      const options = { ...fixed, ...(await prepare?.()) };
      log(`round ${round}/${ROUNDS}: ${title} (${SECONDS} s, ${CONNECTIONS} connections)`);
      if (round === 1) await warm(options.url, options);
      measured.push(await load(title, options));
    }
    rounds.push(measured);
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const results = chosen.map(([title], i) => ({
    title,
    rps: Math.round(median(rounds.map((round) => round[i].rps))),
    p50: median(rounds.map((round) => round[i].p50)),
    p99: median(rounds.map((round) => round[i].p99)),
    cpuPerRequestUs: median(rounds.map((round) => round[i].cpuPerRequestUs)),
    failed: rounds.reduce((sum, round) => sum + round[i].failed, 0),
  }));
  const indexOf = (title) => chosen.findIndex(([t]) => t === title);
  const perRound = (a, b) => {
    const [i, j] = [indexOf(a), a === b ? -1 : indexOf(b)];
    return i < 0 || j < 0 ? [] : rounds.map((round) => round[i].rps / round[j].rps);
  };
  const CACHED = "GET /api/v1/posts (cached)";
  const [httpTitle, expressTitle, expressPageTitle] = chosen.map(([title]) => title);
  const ratio = (a, b) => {
    const values = perRound(a, b);
    return values.length ? Number(median(values).toFixed(2)) : null;
  };
  const cached = results[indexOf(CACHED)];
  console.log(`\nmedians of ${ROUNDS} rounds`);
  console.log(
    "scenario                          req/s    p50 ms   p99 ms   failed   server CPU µs/request",
  );
  for (const r of results) {
    console.log(
      `${r.title.padEnd(32)} ${String(r.rps).padStart(7)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.failed).padStart(8)} ${String(r.cpuPerRequestUs).padStart(10)}`,
    );
  }
  // CPU per request, turned into "how many times as many requests per CPU second".
  const byCpu = (a, b) => {
    const [x, y] = [results[indexOf(a)], results[indexOf(b)]];
    return x && y ? Number((y.cpuPerRequestUs / x.cpuPerRequestUs).toFixed(2)) : null;
  };
  const summary = {
    date: new Date().toISOString(),
    seconds: SECONDS,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    posts: POSTS,
    results,
    ratios: {
      cachedVsExpress: ratio(CACHED, expressTitle),
      cachedVsExpressSamePage: ratio(CACHED, expressPageTitle),
      cachedVsUncached: ratio(CACHED, "GET /api/v1/posts (no cache)"),
      cachedVsNodeHttp: ratio(CACHED, httpTitle),
      expressVsNodeHttp: ratio(expressTitle, httpTitle),
    },
    byServerCpu: {
      cachedVsExpress: byCpu(CACHED, expressTitle),
      cachedVsExpressSamePage: byCpu(CACHED, expressPageTitle),
    },
    cachedVsExpressPerRound: perRound(CACHED, expressTitle).map((r) => Number(r.toFixed(2))),
  };
  console.log(
    `\ncached feed / bare express: ${summary.ratios.cachedVsExpress} (target ≥ 0.9; per round: ${summary.cachedVsExpressPerRound.join(", ")})`,
  );
  console.log(
    `cached feed / bare express, same page: ${summary.ratios.cachedVsExpressSamePage} (the framework's floor for this response)`,
  );
  console.log(
    `by server CPU per request: cached feed / bare express ${summary.byServerCpu.cachedVsExpress}, / same page ${summary.byServerCpu.cachedVsExpressSamePage}`,
  );
  console.log(`cached feed / uncached feed: ${summary.ratios.cachedVsUncached} (target ≥ 3)`);
  console.log(`cached feed p99: ${cached?.p99 ?? "n/a"} ms (target ≤ 25 ms)`);
  // The uncached reads against their floors (req/s within each round; target ≥ 0.8 each).
  const floors = [
    ["GET /api/v1/posts (no cache)", "bare express + pg, feed page"],
    ["GET /api/v1/posts/:id", "bare express + pg, one post"],
    ["POST /operations/get-feed", CACHED],
  ];
  for (const [a, b] of floors) {
    const value = ratio(a, b);
    if (value !== null) console.log(`${a} / ${b}: ${value} (by CPU ${byCpu(a, b)})`);
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, "latest.json"), JSON.stringify(summary, null, 2));
  return profile;
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
  console.log("\nCPU profile of the app during the run, top self time:");
  for (const line of summariseProfile(join(RESULTS_DIR, "profile"))) console.log(line);
}
