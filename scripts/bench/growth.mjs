// The bench's growth mode: the uncached reads at 10,000 posts and at larger data sets, in one
// run on one machine, so what grows with the data shows as a ratio (p99 large / p99 small,
// target ≤ 1.5) next to the server's peak memory under load (target < 300 MB). Per size it also
// records what PostgreSQL did for the first page and page 1,000 (EXPLAIN (ANALYZE, BUFFERS) of
// the app's own statement, before and after the load) and how big `Post` and its indexes are:
// what a partitioning decision needs (docs/architecture.md §4).
import { totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildSync } from "esbuild";
import pg from "pg";
import { startApp } from "../lib/app-process.mjs";
import { redact } from "../lib/database.mjs";
import { log } from "../lib/process.mjs";
import {
  CONNECTIONS,
  ROUNDS,
  SECONDS,
  median,
  printTable,
  runRounds,
  summarise,
} from "./measure.mjs";
import { cursorAfter, seed } from "./seed.mjs";

const PAGE = 20; // the feed's default limit (feedInput)
const DEEP_PAGE = 1000;
const MB = 1024 * 1024;

/** The app's feed statement builder (scripts/bench/feedStatement.ts), bundled for this run. */
async function loadFeedStatement(portBase) {
  const file = join(tmpdir(), `inkwell-feed-statement-${portBase}.mjs`);
  buildSync({
    entryPoints: ["scripts/bench/feedStatement.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: file,
    logLevel: "warning",
  });
  return (await import(pathToFileURL(file).href)).feedStatement;
}

/** Sums over a JSON plan's nodes: rows removed by filters (per loop × loops). */
function removedByFilter(node) {
  const own =
    ((node["Rows Removed by Filter"] ?? 0) + (node["Rows Removed by Join Filter"] ?? 0)) *
    (node["Actual Loops"] ?? 1);
  return own + (node.Plans ?? []).reduce((sum, child) => sum + removedByFilter(child), 0);
}

/** The plan's shape, one node per line: what reads the feed index and how. */
function shapeOf(node, depth = 0) {
  const name = [node["Node Type"], node["Index Name"] && `using ${node["Index Name"]}`]
    .filter(Boolean)
    .join(" ");
  if (depth > 2) return [];
  return [
    `${"  ".repeat(depth)}${name}`,
    ...(node.Plans ?? []).flatMap((c) => shapeOf(c, depth + 1)),
  ];
}

async function explain(client, { text, values }) {
  const { rows } = await client.query({
    text: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`,
    values,
  });
  const [{ Plan: plan, "Execution Time": executionMs, "Planning Time": planningMs }] =
    rows[0]["QUERY PLAN"];
  return {
    executionMs: Number(executionMs.toFixed(3)),
    planningMs: Number(planningMs.toFixed(3)),
    sharedHit: plan["Shared Hit Blocks"],
    sharedRead: plan["Shared Read Blocks"],
    rowsRemovedByFilter: removedByFilter(plan),
    plan: shapeOf(plan),
  };
}

/** `Post`'s heap and index sizes (MB), each index of its own, and the server's shared_buffers. */
async function sizesOf(client) {
  const { rows } = await client.query(`
    SELECT pg_relation_size('"Post"') AS heap, pg_indexes_size('"Post"') AS indexes,
           pg_total_relation_size('"Post"') AS total,
           pg_size_bytes(current_setting('shared_buffers')) AS "sharedBuffers",
           (SELECT json_object_agg(indexrelname, pg_relation_size(indexrelid))
              FROM pg_stat_user_indexes WHERE relname = 'Post') AS each`);
  const mb = (bytes) => Number((Number(bytes) / MB).toFixed(1));
  const [row] = rows;
  return {
    heapMb: mb(row.heap),
    indexesMb: mb(row.indexes),
    totalMb: mb(row.total),
    sharedBuffersMb: mb(row.sharedBuffers),
    indexMb: Object.fromEntries(Object.entries(row.each).map(([name, bytes]) => [name, mb(bytes)])),
  };
}

async function withClient(db, use) {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of the first page and the deep page, as the app sends them. */
const explainPages = (db, statements) =>
  withClient(db, async (client) => ({
    firstPage: await explain(client, statements.firstPage),
    deepPage: await explain(client, statements.deepPage),
  }));

/** One size: seeded afresh into its database, an uncached app on it, its four reads. */
async function prepareSize({ db, appEnv, port, size, feedStatement, cleanups }) {
  log(`growth: seeding ${size.posts} posts by ${size.users} authors into ${redact(db)}`);
  const { seconds, steps } = await seed(db, size);
  log(`growth: seeded in ${seconds.toFixed(1)} s (${JSON.stringify(steps)})`);
  // 10,000 posts have 500 pages: there the deepest page stands in for page 1,000.
  const deepPage = Math.min(DEEP_PAGE, Math.ceil(size.posts / PAGE));
  const cursor = await cursorAfter(db, (deepPage - 1) * PAGE);
  const statements = {
    firstPage: await feedStatement({ limit: PAGE }),
    deepPage: await feedStatement({ limit: PAGE, cursor }),
  };
  const app = await startApp({
    port,
    env: { ...appEnv, DATABASE_URL: db, FEED_CACHE: "off" },
    discardStdout: true,
  });
  cleanups.push(() => app.stop());
  const url = (path) => `http://localhost:${port}${path}`;
  const at = `${size.posts}: `;
  return {
    ...size,
    db,
    statements,
    seedSeconds: Number(seconds.toFixed(1)),
    seedSteps: steps,
    deepPage,
    scenarios: [
      [`${at}first feed page`, { url: url("/api/v1/posts"), server: app }],
      [
        `${at}feed page ${deepPage} (cursor)`,
        { url: url(`/api/v1/posts?cursor=${cursor}`), server: app },
      ],
      [`${at}an author's feed (authorId=1)`, { url: url("/api/v1/posts?authorId=1"), server: app }],
      [`${at}single post`, { url: url(`/api/v1/posts/${Math.ceil(size.posts / 2)}`), server: app }],
    ],
  };
}

const fmt = (n) => (typeof n === "number" ? n.toLocaleString("en-US") : String(n));

/**
 * Every size side by side (one database and one app each) and measured in the same rounds, each
 * scenario at every size in a row: the machine's drift then cancels out of the ratios, which are
 * all against the first size (the 10,000 posts). `sizes` is [{ posts, users }, …].
 */
export async function growth({ databases, appEnv, ports, sizes: wanted, portBase, cleanups }) {
  const feedStatement = await loadFeedStatement(portBase);
  const sizes = [];
  for (const [i, size] of wanted.entries()) {
    sizes.push(
      await prepareSize({
        db: databases[i],
        appEnv,
        port: ports[i],
        size,
        feedStatement,
        cleanups,
      }),
    );
  }
  for (const size of sizes) {
    size.tables = await withClient(size.db, sizesOf);
    size.explainBeforeLoad = await explainPages(size.db, size.statements);
  }
  const n = sizes.length;
  const [small] = sizes;
  const scenarios = small.scenarios.flatMap((_, i) => sizes.map((size) => size.scenarios[i]));
  const rounds = await runRounds(scenarios, "growth: ");
  const results = summarise(scenarios, rounds);
  for (const size of sizes) size.explainAfterLoad = await explainPages(size.db, size.statements);
  console.log(
    `\nmedians of ${ROUNDS} rounds; seeded in ${sizes.map((s) => `${s.seedSeconds} s (${s.posts} posts)`).join(", ")}`,
  );
  printTable(results);
  // Scenario i at size k is scenarios[i * n + k]; each ratio is taken within a round, then the median.
  const perRound = (i, k, key) =>
    median(rounds.map((round) => round[i * n + k][key] / Math.max(round[i * n][key], 1e-9)));
  const growthRatios = sizes.slice(1).flatMap((size, j) =>
    small.scenarios.map((_, i) => ({
      posts: size.posts,
      scenario: size.scenarios[i][0].replace(/^\d+: /, ""),
      p99Small: results[i * n].p99,
      p99Large: results[i * n + j + 1].p99,
      p99Ratio: Number(perRound(i, j + 1, "p99").toFixed(2)),
      p50Ratio: Number(perRound(i, j + 1, "p50").toFixed(2)),
      rpsRatio: Number(perRound(i, j + 1, "rps").toFixed(2)),
      cpuRatio: Number(perRound(i, j + 1, "cpuPerRequestUs").toFixed(2)),
    })),
  );
  console.log(
    `\nat N posts / at ${small.posts} posts, medians of the per-round ratios (p99 target ≤ 1.5); p50, req/s and CPU per request likewise`,
  );
  for (const g of growthRatios) {
    const verdict = g.p99Ratio <= 1.5 ? "ok" : "above";
    console.log(
      `${String(g.posts).padStart(8)} ${g.scenario.padEnd(34)} p99 ${String(g.p99Large).padStart(5)} / ${String(g.p99Small).padStart(5)} ms → ${String(g.p99Ratio).padStart(5)} ${verdict.padEnd(5)} p50 ×${g.p50Ratio} req/s ×${g.rpsRatio} CPU ×${g.cpuRatio}`,
    );
  }
  const rssOf = (k) => Math.max(...results.filter((_, i) => i % n === k).map((r) => r.rssMb));
  console.log(
    `server RSS under load, peak: ${sizes.map((s, k) => `${rssOf(k)} MB at ${s.posts} posts`).join(", ")} (target < 300 MB)`,
  );
  console.log(
    `\nPost's heap and indexes (MB; shared_buffers ${small.tables.sharedBuffersMb} MB, RAM ${Math.round(totalmem() / MB)} MB):`,
  );
  for (const s of sizes) {
    const each = Object.entries(s.tables.indexMb)
      .map(([name, mb]) => `${name} ${mb}`)
      .join(", ");
    console.log(
      `${String(s.posts).padStart(8)}: heap ${s.tables.heapMb}, indexes ${s.tables.indexesMb} (${each})`,
    );
  }
  console.log(
    "\nEXPLAIN (ANALYZE, BUFFERS) of the app's statement: execution ms, shared hit/read, rows removed by filter",
  );
  for (const s of sizes) {
    for (const [when, plans] of [
      ["before load", s.explainBeforeLoad],
      ["after load", s.explainAfterLoad],
    ]) {
      for (const [page, e] of [
        ["first page", plans.firstPage],
        [`page ${s.deepPage}`, plans.deepPage],
      ]) {
        console.log(
          `${String(s.posts).padStart(8)} ${when.padEnd(11)} ${page.padEnd(10)} ${String(e.executionMs).padStart(8)} ms  hit ${fmt(e.sharedHit)} read ${fmt(e.sharedRead)}  removed ${fmt(e.rowsRemovedByFilter)}`,
        );
      }
    }
  }
  console.log(
    `plan (first page at ${sizes.at(-1).posts}):\n${sizes.at(-1).explainAfterLoad.firstPage.plan.join("\n")}`,
  );
  return {
    date: new Date().toISOString(),
    seconds: SECONDS,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    ramMb: Math.round(totalmem() / MB),
    sizes: sizes.map(({ scenarios: _s, db: _d, statements: _t, ...size }) => size),
    results,
    growth: growthRatios,
    rssPeakMb: Object.fromEntries(sizes.map((s, k) => [s.posts, rssOf(k)])),
  };
}
