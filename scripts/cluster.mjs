// npm run cluster: two production server bundles behind nginx, the web app on the same origin.
// Database: DATABASE_URL (environment or .env.server), else the local PostgreSQL service on
// 127.0.0.1:5432 (database inkwell_cluster), else an embedded one. Redis: REDIS_URL, else
// 127.0.0.1:6379, else a redis-server of its own. Options: CLUSTER_PORT (8080),
// CLUSTER_APP_PORTS (3401,3402), --rebuild. Ctrl-C stops everything it started.
import { existsSync } from "node:fs";
import { ensureDatabase, probe, redact, requireReachable } from "./lib/database.mjs";
import { startCluster } from "./lib/cluster.mjs";
import { exitWith, log } from "./lib/process.mjs";
import { hasRedisServer, pingRedis, startRedisServer } from "./lib/redis.mjs";

const cleanups = [];

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

async function main() {
  const started = Date.now();
  const database = await databaseUrl();
  const redis = await redisUrl();
  log(`database ${redact(database)}; Redis ${redis ? redact(redis) : "none"}`);
  const cluster = await startCluster({
    databaseUrl: database,
    redisUrl: redis,
    port: Number(process.env.CLUSTER_PORT ?? 8080),
    appPorts: (process.env.CLUSTER_APP_PORTS ?? "3401,3402").split(",").map(Number),
    rebuild: process.argv.includes("--rebuild"),
    log,
  });
  cleanups.push(() => cluster.stop());
  let stopping = false;
  for (const instance of cluster.instances) {
    const watch = () => {
      const child = instance.pid;
      const timer = setInterval(() => {
        if (stopping || instance.running || instance.pid !== child) return;
        clearInterval(timer);
        log(`${instance.name} (pid ${child}) is not running; nginx sends its traffic to the other`);
      }, 500);
    };
    watch();
  }
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      log("stopping nginx and the instances (graceful)");
      await cleanUp();
      process.exit(0);
    });
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
