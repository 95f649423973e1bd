// The test command (npm test): compile, type-check, lint, then client, server and browser tests
// against a real PostgreSQL, then shortened fault proofs. `--fast` (npm run test:fast) stops
// after the server tests and builds only what is stale: the edit–test loop. Which PostgreSQL: TEST_DATABASE_URL as given; else the server of
// DATABASE_URL with a separate "<name>_test" database; else the local service on 127.0.0.1:5432;
// else an embedded PostgreSQL (data in .data/postgres-test). The test database is recreated and
// migrated on every run, so a run never depends on what an earlier one left behind. Redis the
// same way: TEST_REDIS_URL or REDIS_URL, else 127.0.0.1:6379, else a redis-server of its own.
import { buildServerBundle, buildWebApp, ensureBuilds } from "./lib/build.mjs";
import { databaseName, probe, recreateDatabase, redact } from "./lib/database.mjs";
import { exitWith, log, run, StepFailed } from "./lib/process.mjs";
import { hasRedisServer, pingRedis, startRedisServer } from "./lib/redis.mjs";
import { E2E_SERVER_URL } from "../test/setup/ports.mjs";

const fast = process.argv.includes("--fast");
const cleanups = [];
const timings = [];

async function testDatabaseUrl() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${databaseName(url.toString())}_test`;
    return url.toString();
  }
  const local = "postgresql://postgres@127.0.0.1:5432/inkwell_test";
  if ((await probe(local, { timeoutMs: 1500 })) === null) return local;
  const { startEmbeddedPostgres } = await import("./lib/embedded-postgres.mjs");
  const port = Number(process.env.EMBEDDED_PG_TEST_PORT ?? 5489);
  log(`no PostgreSQL configured or on 127.0.0.1:5432: starting an embedded one on port ${port}`);
  const pg = await startEmbeddedPostgres({ dataDir: ".data/postgres-test", port, log });
  cleanups.push(() => pg.stop());
  return pg.url.replace(/\/postgres$/, "/inkwell_test");
}

async function testRedisUrl() {
  const given = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL;
  if (given) return given;
  const local = "redis://127.0.0.1:6379";
  if (await pingRedis(local)) return local;
  if (!hasRedisServer()) {
    throw new Error(
      "The tests need Redis: set TEST_REDIS_URL, run one on 127.0.0.1:6379, or install redis-server",
    );
  }
  const port = Number(process.env.TEST_REDIS_PORT ?? 6391);
  log(`no Redis configured or on 127.0.0.1:6379: starting redis-server on port ${port}`);
  const server = await startRedisServer(port);
  cleanups.push(() => server.stop());
  return server.url;
}

async function step(name, work) {
  log(`── ${name}`);
  const started = Date.now();
  await work();
  timings.push([name, (Date.now() - started) / 1000]);
}

async function main() {
  const databaseUrl = await testDatabaseUrl();
  const redisUrl = await testRedisUrl();
  log(`test database: ${redact(databaseUrl)}; Redis: ${redact(redisUrl)}`);
  // Everything below (migrations, the Wasp server under test, vitest workers) uses these.
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEST_DATABASE_URL: databaseUrl,
    TEST_REDIS_URL: redisUrl,
  };
  const sh = (command, args, extraEnv = {}) => run(command, args, { env: { ...env, ...extraEnv } });

  await step("compile (wasp)", () => sh("wasp", ["compile"]));
  await step("type-check", () => sh("npm", ["run", "--silent", "typecheck"]));
  await step("lint", () => sh("npm", ["run", "--silent", "lint"]));
  await step("test database: recreate and migrate", async () => {
    await recreateDatabase(databaseUrl);
    await sh("npx", ["prisma", "migrate", "deploy"]);
  });
  await step("client tests", () => sh("npx", ["vitest", "run"]));
  await step(fast ? "rebuild what is stale" : "build server bundle and web app", async () => {
    if (fast) return ensureBuilds({ apiUrl: E2E_SERVER_URL, log, env, compiled: true });
    await buildServerBundle({ compiled: true, env });
    await buildWebApp({ apiUrl: E2E_SERVER_URL, env });
  });
  await step("server tests", () =>
    sh("npx", ["vitest", "run", "--config", "vitest.server.config.ts"]),
  );
  if (fast) return;
  await step("browser tests", () =>
    sh("npx", ["vitest", "run", "--config", "vitest.e2e.config.ts"]),
  );
  // Shortened runs of the fault proofs (npm run fault:*): each prints its JSON summary and
  // fails the run if an acknowledged write was lost or a read failed outside its outage.
  for (const fault of [
    "redis-outage",
    "redis-chaos",
    "sentinel",
    "postgres-restart",
    "replica",
    "kill-instance",
    "hostile-input",
  ]) {
    await step(`fault proof: ${fault}`, () =>
      sh("node", [`scripts/faults/${fault}.mjs`], { FAULT_DURATION_MS: "9000" }),
    );
  }
}

let failure = null;
try {
  await main();
} catch (error) {
  failure = error;
}
for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
if (failure) {
  // A failed step has already printed its own output; anything else is a bug here: show its stack.
  if (!(failure instanceof StepFailed)) console.error(failure);
  exitWith(failure);
}
log(
  fast
    ? "fast tests passed (npm test also runs the browser tests and fault proofs)"
    : "all tests passed",
);
for (const [name, seconds] of timings) log(`  ${seconds.toFixed(1).padStart(6)} s  ${name}`);
