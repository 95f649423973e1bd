// The bench's growth mode: the uncached reads at 10,000 posts and then at a large data set, in
// one run on one machine, so what grows with the data shows as a ratio (p99 large / p99 small,
// target ≤ 1.5) next to the server's peak memory under load (target < 300 MB).
import { startApp } from "../lib/app-process.mjs";
import { redact } from "../lib/database.mjs";
import { log } from "../lib/process.mjs";
import { CONNECTIONS, ROUNDS, SECONDS, printTable, runRounds, summarise } from "./measure.mjs";
import { cursorAfter, seed } from "./seed.mjs";

const PAGE = 20; // the feed's default limit (feedInput)
const DEEP_PAGE = 1000;
const SMALL = { posts: 10_000, users: 100 };

/** One size: seeded afresh, an uncached app started on it, the four reads measured. */
async function atSize(db, appEnv, port, size) {
  log(`growth: seeding ${size.posts} posts by ${size.users} authors into ${redact(db)}`);
  const { seconds: seedSeconds, steps: seedSteps } = await seed(db, size);
  log(`growth: seeded in ${seedSeconds.toFixed(1)} s (${JSON.stringify(seedSteps)})`);
  // 10,000 posts have 500 pages: there the deepest page stands in for page 1,000.
  const deepPage = Math.min(DEEP_PAGE, Math.ceil(size.posts / PAGE));
  const cursor = await cursorAfter(db, (deepPage - 1) * PAGE);
  const app = await startApp({ port, env: { ...appEnv, FEED_CACHE: "off" }, discardStdout: true });
  try {
    const url = (path) => `http://localhost:${port}${path}`;
    const scenarios = [
      ["first feed page", { url: url("/api/v1/posts"), server: app }],
      [
        `feed page ${deepPage} (cursor)`,
        { url: url(`/api/v1/posts?cursor=${cursor}`), server: app },
      ],
      ["an author's feed (authorId=1)", { url: url("/api/v1/posts?authorId=1"), server: app }],
      ["single post", { url: url(`/api/v1/posts/${Math.ceil(size.posts / 2)}`), server: app }],
    ];
    const rounds = await runRounds(scenarios, `growth ${size.posts}: `);
    return {
      ...size,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      seedSteps,
      deepPage,
      results: summarise(scenarios, rounds),
    };
  } finally {
    await app.stop();
  }
}

export async function growth({ db, appEnv, port, large }) {
  const sizes = [];
  for (const size of [SMALL, large]) sizes.push(await atSize(db, appEnv, port, size));
  const [small, big] = sizes;
  for (const size of sizes) {
    console.log(
      `\n${size.posts} posts, ${size.users} authors (seeded in ${size.seedSeconds} s; medians of ${ROUNDS} rounds)`,
    );
    printTable(size.results);
  }
  const growthRatios = small.results.map((r, i) => ({
    scenario: big.results[i].title,
    p99Small: r.p99,
    p99Large: big.results[i].p99,
    p99Ratio: r.p99 > 0 ? Number((big.results[i].p99 / r.p99).toFixed(2)) : null,
    cpuRatio: Number((big.results[i].cpuPerRequestUs / r.cpuPerRequestUs).toFixed(2)),
  }));
  console.log(
    `\np99 at ${big.posts} / p99 at ${small.posts} posts (target ≤ 1.5), and CPU per request likewise`,
  );
  for (const g of growthRatios) {
    const verdict = g.p99Ratio !== null && g.p99Ratio <= 1.5 ? "ok" : "above";
    console.log(
      `${g.scenario.padEnd(36)} ${String(g.p99Large).padStart(6)} / ${String(g.p99Small).padStart(6)} ms = ${String(g.p99Ratio).padStart(6)} ${verdict.padEnd(6)} CPU ×${g.cpuRatio}`,
    );
  }
  const rss = Math.max(...big.results.map((r) => r.rssMb));
  console.log(`server RSS under load at ${big.posts} posts: ${rss} MB peak (target < 300 MB)`);
  return {
    date: new Date().toISOString(),
    seconds: SECONDS,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    sizes,
    growth: growthRatios,
    rssPeakMbLarge: rss,
    rssPeakMbSmall: Math.max(...small.results.map((r) => r.rssMb)),
  };
}
