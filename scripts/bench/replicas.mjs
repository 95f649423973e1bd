// npm run bench:replicas: reads/s of the uncached feed with 0, 1 and 2 local read replicas, in one
// run on this machine. One primary and two streaming standbys (scripts/lib/pg-replication.mjs),
// BENCH_POSTS (10,000) seeded posts; three app instances side by side with FEED_CACHE=off (every
// read reaches PostgreSQL), pointed at 0, 1 and 2 of the standbys, measured in interleaved
// rounds (the machine's speed drifts) and reported as medians and per-round ratios to 0
// replicas. Two reads: the first feed page and a tag's first page. Each instance's /metrics
// then shows which database answered. Everything runs on the same cores, so this measures
// what replicas cost and give here, not on separate machines. Saved in
// bench-results/replicas.json. Ports: PostgreSQL BENCH_REPLICA_PG_PORT (4657, +1, +2), apps
// 4620-4622.
import { mkdirSync, writeFileSync } from "node:fs";
import { productionEnv, startApp } from "../lib/app-process.mjs";
import { ensureServerBundle } from "../lib/build.mjs";
import { startReplicatedPostgres } from "../lib/pg-replication.mjs";
import { log } from "../lib/process.mjs";
import {
  CONNECTIONS,
  ROUNDS,
  SECONDS,
  printTable,
  ratiosOf,
  runRounds,
  summarise,
} from "./measure.mjs";
import { seed } from "./seed.mjs";

const PG_PORT = Number(process.env.BENCH_REPLICA_PG_PORT ?? 4657);
const APP_PORTS = [4620, 4621, 4622];
const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const USERS = Number(process.env.BENCH_USERS ?? 100);
const METRICS_TOKEN = "replica-bench-metrics-token";

await ensureServerBundle({ log });
const cluster = await startReplicatedPostgres({
  port: PG_PORT,
  standbys: 2,
  name: "replica-bench",
});
const apps = [];
const stopAll = async () => {
  await Promise.all(apps.map((app) => app.stop().catch(() => {})));
  await cluster.remove();
};
for (const signal of ["SIGINT", "SIGTERM"])
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));
try {
  const database = "inkwell_bench_replica";
  log(`replicas: seeding ${POSTS} posts by ${USERS} authors on the primary`);
  await seed(cluster.primary.url(database), { posts: POSTS, users: USERS });
  await Promise.all(cluster.standbys.map((_, i) => cluster.waitForReplay(i, 120_000)));
  const replicaUrls = cluster.standbys.map((standby) => standby.url(database));
  for (const [i, port] of APP_PORTS.entries()) {
    const env = productionEnv({
      databaseUrl: cluster.primary.url(database),
      FEED_CACHE: "off",
      METRICS_TOKEN,
      LOG_LEVEL: "info",
      ...(i > 0 ? { DATABASE_REPLICA_URLS: replicaUrls.slice(0, i).join(",") } : {}),
    });
    apps.push(await startApp({ port, env, discardStdout: true }));
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // the replicas are polled in rotation
  const reads = [
    ["first feed page", "/api/v1/posts"],
    ["tag feed page", "/api/v1/posts?tag=tag-3"],
  ];
  const scenarios = reads.flatMap(([read, path]) =>
    apps.map((app, i) => [
      `${read}, ${i} replica${i === 1 ? "" : "s"}`,
      { url: app.url + path, server: app },
    ]),
  );
  const rounds = await runRounds(scenarios, "replicas: ");
  const results = summarise(scenarios, rounds);
  console.log(
    `\nmedians of ${ROUNDS} rounds of ${SECONDS} s, ${CONNECTIONS} connections, ${POSTS} posts`,
  );
  printTable(results);
  const ratio = ratiosOf(scenarios, rounds);
  const ratios = reads.flatMap(([read]) =>
    [1, 2].map((n) => {
      const [a, b] = [`${read}, ${n} replica${n === 1 ? "" : "s"}`, `${read}, 0 replicas`];
      return { read, replicas: n, rpsRatio: ratio.rps(a, b), perRound: ratio.perRound(a, b) };
    }),
  );
  console.log("\nreq/s with n replicas / req/s with none (median of the per-round ratios)");
  for (const r of ratios)
    console.log(
      `${r.read.padEnd(16)} ${r.replicas}: ×${r.rpsRatio}  (rounds: ${r.perRound.join(" ")})`,
    );
  const targets = await Promise.all(
    apps.map(async (app) => {
      const text = await fetch(`${app.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      }).then((r) => r.text());
      return Object.fromEntries(
        [...text.matchAll(/^db_reads_total\{target="(\w+)"\} (\d+)/gm)].map((m) => [
          m[1],
          Number(m[2]),
        ]),
      );
    }),
  );
  console.log("\nreads per target, by instance (0, 1, 2 replicas):", JSON.stringify(targets));
  mkdirSync("bench-results", { recursive: true });
  const report = {
    date: new Date().toISOString(),
    seconds: SECONDS,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    posts: POSTS,
    results,
    ratios,
    readsPerTarget: targets,
  };
  writeFileSync("bench-results/replicas.json", `${JSON.stringify(report, null, 2)}\n`);
} finally {
  await stopAll();
}
