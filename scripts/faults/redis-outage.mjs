// Fault: Redis stops for 5 s under mixed load. Proof: 0 failed reads, 0 lost or duplicated
// acknowledged writes, and the cache serves again once Redis is back.
import { freePort, productionEnv, startApp } from "../lib/app-process.mjs";
import { startRedisServer } from "../lib/redis.mjs";
import { faultScript, scratchDatabase } from "./lib/harness.mjs";
import { checkLedger, registerWriter, runMixedLoad } from "./lib/load.mjs";

const DURATION_MS = Number(process.env.FAULT_DURATION_MS ?? 15_000);
const OUTAGE = { from: DURATION_MS / 3, to: DURATION_MS / 3 + 5000 };

await faultScript("redis-outage", async (cleanups) => {
  const databaseUrl = await scratchDatabase("inkwell_fault_redis");
  const redisPort = await freePort();
  let redis = await startRedisServer(redisPort);
  cleanups.push(() => redis.stop());
  const port = await freePort();
  const app = await startApp({ port, env: productionEnv({ databaseUrl, redisUrl: redis.url }) });
  cleanups.push(() => app.stop());
  const baseUrl = `http://127.0.0.1:${port}`;
  const { accessToken } = await registerWriter(baseUrl);

  const timeline = [];
  let phase = "before";
  const load = await runMixedLoad({
    baseUrl,
    token: accessToken,
    durationMs: DURATION_MS,
    onTick: async (at) => {
      if (phase === "before" && at >= OUTAGE.from) {
        phase = "down";
        await redis.stop();
        timeline.push({ atMs: at, event: "redis stopped" });
      } else if (phase === "down" && at >= OUTAGE.to) {
        phase = "after";
        redis = await startRedisServer(redisPort);
        timeline.push({ atMs: at, event: "redis restarted" });
      }
    },
  });
  const ledger = await checkLedger(databaseUrl, load.writes);
  // Back within a bound: the reconnect backoff (at most 2 s) plus the readiness result's reuse
  // (1 s) can outlast a short run's last seconds, so the proof waits, up to 5 s, and says how long.
  const restartedAt = Date.now();
  let ready = {};
  while (Date.now() - restartedAt < 5000) {
    ready = await fetch(`${baseUrl}/readyz`).then((r) => r.json());
    if (ready.checks?.redis?.status === "up") break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (ready.checks?.redis?.status === "up") {
    timeline.push({ atMs: DURATION_MS + (Date.now() - restartedAt), event: "redis reported up" });
  }
  return {
    fault: "redis-outage",
    passed:
      load.reads.failed === 0 &&
      ledger.lostAcknowledged === 0 &&
      ledger.duplicated === 0 &&
      app.alive() &&
      ready.checks?.redis?.status === "up",
    timeline,
    reads: { ok: load.reads.ok, failed: load.reads.failed, firstFailures: load.reads.failures },
    writes: {
      ...ledger,
      attempts: load.writes.attempts,
      failedAttempts: load.writes.failedAttempts,
    },
    redisAfterRecovery: ready.checks?.redis,
  };
});
