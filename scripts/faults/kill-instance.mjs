// Fault: one of two instances behind nginx is killed with SIGKILL under mixed load, and later
// restarted. Proof: < 0.5 % of requests fail, and after client retries (same Idempotency-Key)
// no acknowledged write is lost and none is stored twice.
import { spawnSync } from "node:child_process";
import { freePort } from "../lib/app-process.mjs";
import { startCluster } from "../lib/cluster.mjs";
import { pingRedis } from "../lib/redis.mjs";
import { faultScript, progress, scratchDatabase } from "./lib/harness.mjs";
import { checkLedger, registerWriter, runMixedLoad } from "./lib/load.mjs";

const DURATION_MS = Number(process.env.FAULT_DURATION_MS ?? 15_000);

await faultScript("kill-instance", async (cleanups) => {
  if (spawnSync("nginx", ["-v"], { stdio: "ignore" }).status !== 0) {
    throw new Error("nginx is not installed (apt-get install nginx)");
  }
  const databaseUrl = await scratchDatabase("inkwell_fault_kill");
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const cluster = await startCluster({
    databaseUrl,
    redisUrl: (await pingRedis(redisUrl)) ? redisUrl : undefined,
    port: await freePort(),
    appPorts: [await freePort(), await freePort()],
    runDir: ".data/fault-kill",
    migrate: false,
    // The load comes from one IP at far more than a person's rate: lift the limits.
    env: {
      REDIS_PREFIX: `inkwell-fault-kill:${Date.now()}:`,
      RATE_LIMIT_ANON_PER_MIN: "100000000",
      RATE_LIMIT_USER_PER_MIN: "100000000",
      // Its writer uses the token it gets at sign-up (see productionEnv).
      EMAIL_VERIFICATION: "optional",
    },
    log: progress,
  });
  cleanups.push(() => cluster.stop());
  const { accessToken } = await registerWriter(cluster.url);

  const victim = cluster.instances[0];
  const timeline = [];
  const load = await runMixedLoad({
    baseUrl: cluster.url,
    token: accessToken,
    durationMs: DURATION_MS,
    onTick: async (at) => {
      if (timeline.length === 0 && at >= DURATION_MS / 3) {
        await victim.kill("SIGKILL");
        timeline.push({ atMs: at, event: `SIGKILL ${victim.name}` });
        progress(`killed ${victim.name} at ${at} ms`);
      } else if (timeline.length === 1 && at >= (2 * DURATION_MS) / 3) {
        await victim.restart();
        timeline.push({ atMs: at, event: `${victim.name} restarted` });
        progress(`restarted ${victim.name} at ${at} ms`);
      }
    },
  });
  progress("load finished; checking the ledger");
  const ledger = await checkLedger(databaseUrl, load.writes);
  const requests = load.reads.ok + load.reads.failed + load.writes.attempts;
  const failed = load.reads.failed + load.writes.failedAttempts;
  const failedPercent = (100 * failed) / requests;
  return {
    fault: "kill-instance",
    passed: failedPercent < 0.5 && ledger.lostAcknowledged === 0 && ledger.duplicated === 0,
    timeline,
    requests,
    failed,
    failedPercent: Number(failedPercent.toFixed(3)),
    reads: { ok: load.reads.ok, failed: load.reads.failed, firstFailures: load.reads.failures },
    writes: {
      ...ledger,
      attempts: load.writes.attempts,
      failedAttempts: load.writes.failedAttempts,
    },
  };
});
