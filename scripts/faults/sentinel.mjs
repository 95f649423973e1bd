// Fault: the Redis master is SIGKILLed under mixed load; three Sentinels promote its replica and
// two app instances (REDIS_SENTINELS) follow it. Proof: 0 failed reads, 0 lost acknowledged
// writes, 0 stale reads after an acknowledged write (read back from every instance), and the
// shared rate limits enforced again after the failover. Reports the failover's timeline.
//
// What a failover may forgive: rate-limit hits counted on the old master that had not reached
// the replica when it died (asynchronous replication: normally milliseconds' worth), and while
// no master answers each instance counts on its own (limits stay on, per instance). The proof
// measures how much of a sign-in budget spent before the kill survived it.
import { freePort, productionEnv, redisReady, startApp } from "../lib/app-process.mjs";
import { startSentinelSetup } from "../lib/redis-sentinel.mjs";
import { faultScript, progress, scratchDatabase } from "./lib/harness.mjs";
import { runFailoverLoad } from "./lib/failover-load.mjs";
import { checkLedger, registerWriter } from "./lib/load.mjs";

const DURATION_MS = Number(process.env.FAULT_DURATION_MS ?? 20_000);
const KILL_AT_MS = Math.min(DURATION_MS / 3, 5000);
const ACCOUNT_LIMIT = 5; // sign-in attempts per account per 15 min: the budget the proof spends
const METRICS_TOKEN = "fault-sentinel-metrics-token";

// Ports: FAULT_REDIS_PORT_BASE (master, replica), FAULT_SENTINEL_PORT_BASE (3 sentinels) and
// FAULT_APP_PORT_BASE (2 instances) when a shared machine assigns ranges, else free ones.
const portsFrom = async (variable, count) => {
  const base = Number(process.env[variable] ?? 0);
  if (base) return Array.from({ length: count }, (_, i) => base + i);
  return Promise.all(Array.from({ length: count }, freePort));
};

const signIn = (url, email) =>
  fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "not the password" }),
  }).then((response) => response.status);

/** Wrong-password sign-ins to `email`, alternating instances, until one is refused (429). */
async function attemptsUntilRefused(urls, email, max = 3 * ACCOUNT_LIMIT) {
  for (let n = 1; n <= max; n++) if ((await signIn(urls[n % urls.length], email)) === 429) return n;
  return null;
}

/** The feed cache's hit count on an instance (a hit needs a live master behind it). */
async function cacheHits(url) {
  const text = await fetch(`${url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  }).then((r) => r.text());
  const line = text
    .split("\n")
    .find((l) => /cache_operations_total\{.*cache="feed".*result="hit"/.test(l));
  return Number(line?.split(" ").pop() ?? 0);
}

await faultScript("sentinel", async (cleanups) => {
  const databaseUrl = await scratchDatabase("inkwell_fault_sentinel");
  const [masterPort, replicaPort] = await portsFrom("FAULT_REDIS_PORT_BASE", 2);
  const sentinelPorts = await portsFrom("FAULT_SENTINEL_PORT_BASE", 3);
  const appPorts = await portsFrom("FAULT_APP_PORT_BASE", 2);
  const setup = await startSentinelSetup({
    masterPort,
    replicaPorts: [replicaPort],
    sentinelPorts,
    downAfterMs: 1000,
    failoverTimeoutMs: 10_000,
  });
  cleanups.push(() => setup.stop());
  const env = productionEnv({
    databaseUrl,
    REDIS_SENTINELS: setup.sentinels,
    REDIS_SENTINEL_NAME: setup.name,
    RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: String(ACCOUNT_LIMIT),
    METRICS_TOKEN,
  });
  const apps = [];
  for (const [i, port] of appPorts.entries()) {
    const app = await startApp({ port, name: `instance ${i + 1}`, env, discardStdout: true });
    cleanups.push(() => app.stop());
    apps.push(app);
  }
  await Promise.all(apps.map((app) => redisReady(app)));
  const urls = apps.map((app) => app.url);
  const writers = [];
  for (const url of [...urls, urls[0]]) {
    const { accessToken, user } = await registerWriter(url);
    writers.push({ token: accessToken, authorId: user.id });
  }
  // A sign-in budget partly spent before the kill (and replicated by the time it dies, or not).
  const spentEmail = `spent-${Date.now()}@faults.inkwell`;
  for (let n = 0; n < ACCOUNT_LIMIT - 2; n++) await signIn(urls[n % 2], spentEmail);

  const timeline = [];
  const at = { kill: null, promoted: null, reconnected: [] };
  let phase = "before";
  let hitsAtPromotion = [];
  const load = await runFailoverLoad({
    urls,
    writers,
    durationMs: DURATION_MS,
    onTick: async (elapsedMs) => {
      if (phase === "before" && elapsedMs >= KILL_AT_MS) {
        phase = "failing over";
        at.kill = elapsedMs;
        await setup.kill(masterPort);
        progress(`SIGKILL master at ${elapsedMs} ms`);
      } else if (phase === "failing over") {
        const port = await setup.masterPort().catch(() => null);
        if (port !== replicaPort) return;
        phase = "promoted";
        at.promoted = elapsedMs;
        hitsAtPromotion = await Promise.all(urls.map(cacheHits));
        progress(`sentinels promoted the replica at ${elapsedMs} ms`);
      } else if (phase === "promoted") {
        // An instance is back once its feed cache hits again: that needs its connections on
        // the new master and its invalidation subscription confirmed (versionWatch.ts).
        const hits = await Promise.all(urls.map(cacheHits));
        hits.forEach((count, i) => {
          if (at.reconnected[i] === undefined && count > hitsAtPromotion[i]) {
            at.reconnected[i] = elapsedMs;
          }
        });
        if (at.reconnected.filter((t) => t !== undefined).length === urls.length) phase = "after";
      }
    },
  });
  progress("load finished; checking the ledger, read-back and limits");
  const ledger = await checkLedger(databaseUrl, load.writes);
  // Every acknowledged post is readable afterwards, on every instance.
  let unreadable = 0;
  for (const id of load.writes.acked.values()) {
    const statuses = await Promise.all(
      urls.map((u) => fetch(`${u}/api/v1/posts/${id}`).then((r) => r.status)),
    );
    if (statuses.some((status) => status !== 200)) unreadable++;
  }
  await Promise.all(apps.map((app) => redisReady(app)));
  const spentRefusedAt = await attemptsUntilRefused(urls, spentEmail);
  const freshRefusedAt = await attemptsUntilRefused(urls, `fresh-${Date.now()}@faults.inkwell`);
  const firstWriteAfterPromotion = load.writes.ackedAtMs.find(
    (t) => t >= (at.promoted ?? Infinity),
  );

  const since = (t) => (t === null || t === undefined ? null : t - at.kill);
  timeline.push({ atMs: at.kill, sinceKillMs: 0, event: "SIGKILL redis master" });
  if (at.promoted !== null)
    timeline.push({
      atMs: at.promoted,
      sinceKillMs: since(at.promoted),
      event: "sentinels name the replica master",
    });
  at.reconnected.forEach((t, i) =>
    timeline.push({
      atMs: t,
      sinceKillMs: since(t),
      event: `instance ${i + 1} serves from the new master`,
    }),
  );
  if (firstWriteAfterPromotion !== undefined)
    timeline.push({
      atMs: firstWriteAfterPromotion,
      sinceKillMs: since(firstWriteAfterPromotion),
      event: "first write acknowledged after the promotion",
    });
  timeline.sort((x, y) => x.atMs - y.atMs);
  const writesDuringFailover = load.writes.ackedAtMs.filter(
    (t) => t >= at.kill && t < (at.promoted ?? Infinity),
  ).length;

  const limits = {
    accountLimit: ACCOUNT_LIMIT,
    // Shared and enforced after the failover: refused at attempt limit+1, alternating instances.
    freshAccountRefusedAtAttempt: freshRefusedAt,
    // limit-2 attempts spent before the kill: refused at attempt 3 if they all survived.
    spentAccountRefusedAtAttempt: spentRefusedAt,
    forgivenAttempts: spentRefusedAt === null ? null : spentRefusedAt - 3,
  };
  return {
    fault: "sentinel",
    passed:
      load.reads.failed === 0 &&
      ledger.lostAcknowledged === 0 &&
      ledger.duplicated === 0 &&
      load.writes.gaveUp === 0 &&
      unreadable === 0 &&
      load.afterWrite.stale === 0 &&
      load.afterWrite.checks > 0 &&
      at.promoted !== null &&
      urls.every((_, i) => at.reconnected[i] !== undefined) &&
      freshRefusedAt === ACCOUNT_LIMIT + 1 &&
      spentRefusedAt !== null &&
      spentRefusedAt <= ACCOUNT_LIMIT + 1 &&
      apps.every((app) => app.alive()),
    timeline,
    writesAcknowledgedBetweenKillAndPromotion: writesDuringFailover,
    reads: { ok: load.reads.ok, failed: load.reads.failed, firstFailures: load.reads.failures },
    readsAfterWrite: load.afterWrite,
    writes: {
      ...ledger,
      attempts: load.writes.attempts,
      failedAttempts: load.writes.failedAttempts,
      gaveUp: load.writes.gaveUp,
      unreadableAfterwards: unreadable,
    },
    limits,
  };
});
