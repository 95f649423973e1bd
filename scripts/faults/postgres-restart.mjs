// Fault: PostgreSQL restarts under mixed load. Proof: the app recovers by itself, requests fail
// only inside the outage window, and no acknowledged write is lost or duplicated.
// Uses a PostgreSQL server of its own (port FAULT_PG_PORT) so the machine's server is spared.
import { freePort, prepareDatabase, productionEnv, startApp } from "../lib/app-process.mjs";
import { startScratchPostgres } from "../lib/scratch-postgres.mjs";
import { pingRedis } from "../lib/redis.mjs";
import { faultScript, progress } from "./lib/harness.mjs";
import { checkLedger, registerWriter, runMixedLoad } from "./lib/load.mjs";

const DURATION_MS = Number(process.env.FAULT_DURATION_MS ?? 15_000);

// Stopping or starting PostgreSQL must not stall the proof: bounded, with a clear failure.
const bounded = (promise, what, ms = 30_000) =>
  Promise.race([
    promise,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms),
    ),
  ]);
const OUTAGE_MS = 3000;
const GRACE_MS = 3000; // after PostgreSQL is back: pools reconnect, retries land

await faultScript("postgres-restart", async (cleanups) => {
  const pgPort = Number(process.env.FAULT_PG_PORT ?? 5491);
  const postgres = await startScratchPostgres({ port: pgPort, name: "postgres-fault" });
  cleanups.push(() => (postgres.remove ?? postgres.stop)());
  const databaseUrl = postgres.url.replace(/\/postgres$/, "/inkwell_fault_pg");
  await prepareDatabase(databaseUrl);

  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const port = await freePort();
  const env = productionEnv({
    databaseUrl,
    redisUrl: (await pingRedis(redisUrl)) ? redisUrl : undefined,
  });
  const app = await startApp({ port, env });
  cleanups.push(() => app.stop());
  const baseUrl = `http://127.0.0.1:${port}`;
  const { accessToken } = await registerWriter(baseUrl);

  const window = { stoppedAt: null, restartedAt: null };
  const load = await runMixedLoad({
    baseUrl,
    token: accessToken,
    durationMs: DURATION_MS,
    onTick: async (at) => {
      if (window.stoppedAt === null && at >= DURATION_MS / 3) {
        progress(`stopping PostgreSQL at ${at} ms`);
        await bounded(postgres.stop(), "stopping PostgreSQL");
        window.stoppedAt = at;
        progress("PostgreSQL stopped");
      } else if (
        window.stoppedAt !== null &&
        window.restartedAt === null &&
        at >= window.stoppedAt + OUTAGE_MS
      ) {
        progress(`starting PostgreSQL again at ${at} ms`);
        await bounded(postgres.start(), "starting PostgreSQL");
        window.restartedAt = at;
        progress("PostgreSQL is back");
      }
    },
  });
  const lateFailures = load.reads.failures.filter(
    (failure) => failure.atMs < window.stoppedAt || failure.atMs > window.restartedAt + GRACE_MS,
  );
  progress("load finished; checking the ledger");
  const ledger = await checkLedger(databaseUrl, load.writes);
  const ready = await fetch(`${baseUrl}/readyz`).then((r) => r.status);
  // After an outage the app must still shut down cleanly and promptly on SIGTERM.
  const stopStarted = Date.now();
  const exit = await app.stop("SIGTERM", 20_000);
  const shutdown = { ...exit, ms: Date.now() - stopStarted };
  return {
    fault: "postgres-restart",
    passed:
      lateFailures.length === 0 &&
      ledger.lostAcknowledged === 0 &&
      ledger.duplicated === 0 &&
      ready === 200 &&
      shutdown.code === 0 &&
      shutdown.ms < 15_000,
    outageWindowMs: window,
    reads: {
      ok: load.reads.ok,
      failed: load.reads.failed,
      failedOutsideWindow: lateFailures.length,
      firstFailures: load.reads.failures.slice(0, 5),
    },
    writes: {
      ...ledger,
      attempts: load.writes.attempts,
      failedAttempts: load.writes.failedAttempts,
    },
    readyAfterRecovery: ready,
    shutdownAfterRecovery: shutdown,
  };
});
