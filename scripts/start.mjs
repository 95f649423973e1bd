// The start command (npm start): database, Redis, dependencies, compile, migrations, then
// `wasp start`. Uses DATABASE_URL when set (environment or .env.server), else an embedded
// PostgreSQL whose data stays in .data/postgres; REDIS_URL when set, else the local Redis on
// 127.0.0.1:6379, else a redis-server of its own, else none (cache and limits in-process), as
// `npm test` and `npm run cluster` do, so a newcomer sees the cached product. Ctrl-C stops
// everything it started.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { ensureDatabase, redact, requireReachable } from "./lib/database.mjs";
import { exitWith, log, run } from "./lib/process.mjs";
import { hasRedisServer, pingRedis, startRedisServer } from "./lib/redis.mjs";

const WEB_URL = "http://localhost:3000";
const SERVER_URL = "http://localhost:3001";
const cleanups = [];
let embedded = false;

async function database() {
  if (existsSync(".env.server")) process.loadEnvFile(".env.server");
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    await requireReachable(url, "DATABASE_URL");
    if (await ensureDatabase(url)) log(`created the database in ${redact(url)}`);
    log(`using the database at ${redact(url)}`);
    return url;
  }
  const { startEmbeddedPostgres } = await import("./lib/embedded-postgres.mjs");
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 5488);
  const dataDir = process.env.EMBEDDED_PG_DIR ?? ".data/postgres";
  log(
    `DATABASE_URL is not set: starting an embedded PostgreSQL on port ${port} (data in ${dataDir})`,
  );
  const pg = await startEmbeddedPostgres({ dataDir, port, log });
  cleanups.push(() => pg.stop());
  embedded = true;
  const url = pg.url.replace(/\/postgres$/, "/inkwell");
  await ensureDatabase(url);
  return url;
}

async function redis() {
  if (process.env.REDIS_URL) {
    log(`using Redis at ${redact(process.env.REDIS_URL)}`);
    return process.env.REDIS_URL;
  }
  const local = "redis://127.0.0.1:6379";
  if (await pingRedis(local)) {
    log(`REDIS_URL is not set: using the local Redis at ${local}`);
    return local;
  }
  if (!hasRedisServer()) {
    log("REDIS_URL is not set and no Redis runs here: the feed cache and limits stay in-process");
    return undefined;
  }
  const port = Number(process.env.DEV_REDIS_PORT ?? 6390);
  log(`REDIS_URL is not set: starting redis-server on port ${port} (nothing kept on disk)`);
  const server = await startRedisServer(port);
  cleanups.push(() => server.stop());
  return server.url;
}

async function stopAll(code) {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(code);
}

async function main() {
  const databaseUrl = await database();
  const redisUrl = await redis();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    // Development has no mail server: verification links are printed in the server log.
    // Skipping the click makes a fresh checkout usable at once; production always verifies.
    SKIP_EMAIL_VERIFICATION_IN_DEV: process.env.SKIP_EMAIL_VERIFICATION_IN_DEV ?? "true",
  };
  await run("wasp", ["compile"], { env });
  log("applying database migrations");
  await run("npx", ["prisma", "migrate", "deploy"], { env });

  log(`starting: the web app will be at ${WEB_URL}, the server at ${SERVER_URL}`);
  const app = spawn("wasp", ["start"], {
    env,
    stdio: ["inherit", "pipe", "inherit"],
    detached: true,
  });
  let announced = false;
  app.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    if (!announced && String(chunk).includes("Server listening")) {
      announced = true;
      process.stdout.write("\n");
      log(
        `ready: open ${WEB_URL} (Ctrl-C stops the app${embedded ? " and the embedded PostgreSQL" : ""})`,
      );
    }
  });
  // `wasp start` runs the server and Vite as its own children: signal the whole group.
  cleanups.unshift(async () => {
    try {
      process.kill(-app.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(0));
  app.on("exit", (code) => {
    log(`wasp start exited (${code ?? "signal"})`);
    stopAll(code ?? 1);
  });
}

main().catch(async (error) => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  exitWith(error);
});
