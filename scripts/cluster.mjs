// npm run cluster: two production server bundles behind nginx, the web app on the same origin.
// Database: DATABASE_URL (environment or .env.server), else the local PostgreSQL service on
// 127.0.0.1:5432 (database inkwell_cluster), else an embedded one. Redis: REDIS_URL, else
// 127.0.0.1:6379, else a redis-server of its own. Options: CLUSTER_PORT (8080),
// CLUSTER_APP_PORTS (3401,3402), --rebuild. Ctrl-C stops everything it started.
import { existsSync } from "node:fs";
import { ensureDatabase, probe, redact, requireReachable } from "./lib/database.mjs";
import { startCluster, stopLeftovers } from "./lib/cluster.mjs";
import { exitWith, log } from "./lib/process.mjs";
import { hasRedisServer, pingRedis, startRedisServer } from "./lib/redis.mjs";

const RUN_DIR = ".data/cluster";
const cleanups = [];
let cluster = null;
let stopping = false;

async function databaseUrl() {
  if (existsSync(".env.server")) process.loadEnvFile(".env.server");
  let url = process.env.DATABASE_URL;
  if (url) {
    await requireReachable(url, "DATABASE_URL");
  } else if (
    (await probe("postgresql://postgres@127.0.0.1:5432/postgres", { timeoutMs: 1500 })) === null
  ) {
    url = "postgresql://postgres@127.0.0.1:5432/inkwell_cluster";
  } else {
    const { startEmbeddedPostgres } = await import("./lib/embedded-postgres.mjs");
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 5488);
    log(
      `no DATABASE_URL and nothing on 127.0.0.1:5432: starting an embedded PostgreSQL on ${port}`,
    );
    const pg = await startEmbeddedPostgres({ dataDir: ".data/postgres", port, log });
    cleanups.push(() => pg.stop());
    url = pg.url.replace(/\/postgres$/, "/inkwell");
  }
  if (await ensureDatabase(url)) log(`created the database in ${redact(url)}`);
  return url;
}

async function redisUrl() {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  if (await pingRedis("redis://127.0.0.1:6379")) return "redis://127.0.0.1:6379";
  if (!hasRedisServer()) {
    log("no Redis (REDIS_URL, 127.0.0.1:6379 or redis-server): the instances serve without cache");
    return undefined;
  }
  const server = await startRedisServer(6393);
  cleanups.push(() => server.stop());
  return server.url;
}

async function cleanUp() {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}

// Installed first, so Ctrl-C during the build or start-up also stops what already runs (the
// instances and nginx have their own process group and do not see the terminal's signal).
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log("stopping nginx and the instances (graceful)");
    if (!cluster) stopLeftovers(RUN_DIR, log);
    await cleanUp();
    process.exit(0);
  });
}

async function main() {
  const started = Date.now();
  const database = await databaseUrl();
  const redis = await redisUrl();
  log(`database ${redact(database)}; Redis ${redis ? redact(redis) : "none"}`);
  cluster = await startCluster({
    databaseUrl: database,
    redisUrl: redis,
    port: Number(process.env.CLUSTER_PORT ?? 8080),
    appPorts: (process.env.CLUSTER_APP_PORTS ?? "3401,3402").split(",").map(Number),
    runDir: RUN_DIR,
    rebuild: process.argv.includes("--rebuild"),
    log,
  });
  cleanups.push(() => cluster.stop());
  // Say so when an instance dies (a crash, or a fault injected by hand): nginx routes around it.
  for (const instance of cluster.instances) {
    const timer = setInterval(() => {
      if (stopping || instance.running) return;
      clearInterval(timer);
      log(`${instance.name} is not running; nginx sends its traffic to the other instance`);
    }, 500);
  }
  const ports = cluster.instances.map((i) => `${i.name} :${i.port} pid ${i.pid}`).join(", ");
  log(`instances: ${ports}; logs and nginx.conf in ${cluster.runDir}`);
  log(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s: open ${cluster.url} (Ctrl-C stops it)`,
  );
}

main().catch(async (error) => {
  await cleanUp();
  exitWith(error);
});
