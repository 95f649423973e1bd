// The bench's growth mode: the uncached reads at 10,000 posts and then at a large data set, in
// one run on one machine, so what grows with the data shows as a ratio (p99 large / p99 small,
// target ≤ 1.5) next to the server's peak memory under load (target < 300 MB).
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
const SMALL = { posts: 10_000, users: 100 };

/** One size: seeded afresh into its database, an uncached app on it, its four reads. */
async function prepareSize({ db, appEnv, port, size, cleanups }) {
  log(`growth: seeding ${size.posts} posts by ${size.users} authors into ${redact(db)}`);
  const { seconds, steps } = await seed(db, size);
  log(`growth: seeded in ${seconds.toFixed(1)} s (${JSON.stringify(steps)})`);
  // 10,000 posts have 500 pages: there the deepest page stands in for page 1,000.
  const deepPage = Math.min(DEEP_PAGE, Math.ceil(size.posts / PAGE));
  const cursor = await cursorAfter(db, (deepPage - 1) * PAGE);
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

/**
 * Both sizes side by side (two databases, two apps) and measured in the same rounds, each
 * large scenario right after its small one: the machine's drift then cancels out of the ratios.
 */
export async function growth({ databases, appEnv, ports, large, cleanups }) {
  const sizes = [];
  for (const [i, size] of [SMALL, large].entries()) {
    sizes.push(await prepareSize({ db: databases[i], appEnv, port: ports[i], size, cleanups }));
  }
  const [small, big] = sizes;
  const scenarios = small.scenarios.flatMap((scenario, i) => [scenario, big.scenarios[i]]);
  const rounds = await runRounds(scenarios, "growth: ");
  const results = summarise(scenarios, rounds);
  console.log(
    `\nmedians of ${ROUNDS} rounds; seeded in ${small.seedSeconds} s (${small.posts} posts) and ${big.seedSeconds} s (${big.posts} posts)`,
  );
  printTable(results);
  const perRound = (i, key) =>
    median(rounds.map((round) => round[2 * i + 1][key] / Math.max(round[2 * i][key], 1e-9)));
  const growthRatios = small.scenarios.map((_, i) => ({
    scenario: big.scenarios[i][0].replace(/^\d+: /, ""),
    p99Small: results[2 * i].p99,
    p99Large: results[2 * i + 1].p99,
    p99Ratio: Number(perRound(i, "p99").toFixed(2)),
    cpuRatio: Number(perRound(i, "cpuPerRequestUs").toFixed(2)),
  }));
  console.log(
    `\np99 at ${big.posts} / p99 at ${small.posts} posts, median of the per-round ratios (target ≤ 1.5); CPU per request likewise`,
  );
  for (const g of growthRatios) {
    const verdict = g.p99Ratio <= 1.5 ? "ok" : "above";
    console.log(
      `${g.scenario.padEnd(36)} ${String(g.p99Large).padStart(6)} / ${String(g.p99Small).padStart(6)} ms → ${String(g.p99Ratio).padStart(6)} ${verdict.padEnd(6)} CPU ×${g.cpuRatio}`,
    );
  }
  const rssOf = (offset) =>
    Math.max(...results.filter((_, i) => i % 2 === offset).map((r) => r.rssMb));
  console.log(
    `server RSS under load: ${rssOf(1)} MB peak at ${big.posts} posts, ${rssOf(0)} MB at ${small.posts} (target < 300 MB)`,
  );
  return {
    date: new Date().toISOString(),
    seconds: SECONDS,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    sizes: sizes.map(({ scenarios: _s, ...size }) => size),
    results,
    growth: growthRatios,
    rssPeakMbLarge: rssOf(1),
    rssPeakMbSmall: rssOf(0),
  };
}
