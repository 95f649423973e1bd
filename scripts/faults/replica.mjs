// Fault: the read replica lags, then dies, then returns, under mixed load on two instances.
// A primary and a streaming standby of this script's own (scripts/lib/pg-replication.mjs): the
// standby is delayed by 2 s (recovery_min_apply_delay; REPLICA_MAX_LAG_MS is 1 s), then stopped,
// then started again and let catch up. Readers fetch feed pages from both instances; each writer
// is a signed-in user who publishes (Idempotency-Key, retried until acknowledged) and at once
// reads the post, and its author feed, back from the *other* instance. Proof: no request fails,
// no read after an acknowledged write misses it, no acknowledged write is lost, and the replica
// answered reads before and after the fault (it left rotation and came back by itself).
import { randomUUID } from "node:crypto";
import { prepareDatabase, productionEnv, startApp } from "../lib/app-process.mjs";
import { startReplicatedPostgres } from "../lib/pg-replication.mjs";
import { pingRedis } from "../lib/redis.mjs";
import { faultScript, progress } from "./lib/harness.mjs";
import { checkLedger, registerWriter } from "./lib/load.mjs";

const DURATION_MS = Number(process.env.FAULT_DURATION_MS ?? 15_000);
const PG_PORT = Number(process.env.FAULT_REPLICA_PG_PORT ?? 4656);
const APP_PORTS = [4610, 4611];
const LABEL = "replica-fault";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// A cursor page (never cached, so it reaches a database): everything older than now.
const cursorPage = () =>
  `/api/v1/posts?limit=5&cursor=${Buffer.from(`${new Date().toISOString()}|2147483647`).toString("base64url")}`;
const METRICS_TOKEN = "replica-fault-metrics-token";

async function request(url, init = {}) {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: await response.json().catch(() => null) };
  } catch (error) {
    return { status: 0, body: String(error?.cause?.code ?? error?.name ?? error) };
  }
}

/** The replica's line from an instance's /metrics: reads it answered, and whether in rotation. */
async function replicaMetrics(baseUrl) {
  const headers = { authorization: `Bearer ${METRICS_TOKEN}` };
  const text = await fetch(`${baseUrl}/metrics`, { headers }).then(
    (r) => r.text(),
    () => "",
  );
  const value = (pattern) => Number(text.match(pattern)?.[1] ?? 0);
  return {
    replicaReads: value(/^db_reads_total\{target="replica1"\} (\d+)/m),
    primaryReads: value(/^db_reads_total\{target="primary"\} (\d+)/m),
  };
}

await faultScript("replica", async (cleanups) => {
  const cluster = await startReplicatedPostgres({
    port: PG_PORT,
    standbys: 1,
    name: "replica-fault",
  });
  cleanups.push(() => cluster.remove());
  // An interrupted run (Ctrl-C) still stops its servers and removes their files.
  for (const signal of ["SIGINT", "SIGTERM"])
    process.once(signal, async () => {
      for (const cleanup of [...cleanups].reverse()) await cleanup().catch(() => {});
      process.exit(130);
    });
  const databaseUrl = cluster.primary.url("inkwell_fault_replica");
  await prepareDatabase(databaseUrl);
  await cluster.waitForReplay(0);

  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const env = productionEnv({
    databaseUrl,
    redisUrl: (await pingRedis(redisUrl)) ? redisUrl : undefined,
    redisPrefix: `inkwell-fault-replica:${Date.now()}:`,
    DATABASE_REPLICA_URLS: cluster.standbys[0].url("inkwell_fault_replica"),
    REPLICA_MAX_LAG_MS: "1000",
    METRICS_TOKEN,
  });
  const apps = [];
  for (const port of APP_PORTS) {
    const app = await startApp({ port, env, discardStdout: true });
    cleanups.push(() => app.stop());
    apps.push(app);
  }
  const urls = apps.map((app) => `http://127.0.0.1:${app.port}`);
  const writers = await Promise.all([0, 1, 2].map(() => registerWriter(urls[0])));
  await cluster.waitForReplay(0);
  await sleep(300); // both instances have polled the standby in rotation

  const started = Date.now();
  const at = () => Date.now() - started;
  const timeline = [];
  const mark = (event) => {
    timeline.push({ atMs: at(), event });
    progress(`${at()} ms: ${event}`);
  };
  const reads = { ok: 0, failed: 0, failures: [] };
  const writes = { sent: new Set(), acked: new Map(), attempts: 0, failedAttempts: 0, gaveUp: [] };
  const checks = { readsAfterWrite: 0, stale: 0, staleExamples: [] };
  const fail = (what, response) => {
    reads.failed++;
    if (reads.failures.length < 10)
      reads.failures.push({ atMs: at(), what, status: response.status });
  };
  let running = true;

  const reader = async (i) => {
    while (running) {
      const base = urls[i % 2];
      const dice = Math.random();
      const path =
        dice < 0.4 ? "/api/v1/posts" : dice < 0.7 ? "/api/v1/posts?limit=5" : cursorPage();
      const response = await request(base + path);
      if (response.status === 200) reads.ok++;
      else fail(path, response);
    }
  };

  const writer = async ({ accessToken, user }, i) => {
    const auth = { authorization: `Bearer ${accessToken}` };
    while (running) {
      const key = randomUUID();
      writes.sent.add(key);
      let id;
      for (let attempt = 0; id === undefined; attempt++) {
        writes.attempts++;
        const response = await request(`${urls[i % 2]}/api/v1/posts`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json", "idempotency-key": key },
          body: JSON.stringify({
            title: `${LABEL} ${key}`,
            content: "written while the replica lags",
          }),
        });
        if (response.status === 201) id = response.body.id;
        else {
          writes.failedAttempts++;
          if (attempt > 50) {
            writes.gaveUp.push(key);
            break;
          }
          await sleep(100);
        }
      }
      if (id === undefined) continue;
      writes.acked.set(key, id);
      // The writer's next reads, on the other instance: the post and their own feed.
      const other = urls[(i + 1) % 2];
      const post = await request(`${other}/api/v1/posts/${id}`, { headers: auth });
      const feed = await request(
        `${other}/api/v1/posts?author=${encodeURIComponent(user.username)}&limit=5`,
        { headers: auth },
      );
      for (const [what, response] of [
        ["post", post],
        ["feed", feed],
      ]) {
        if (response.status !== 200) fail(`read-after-write ${what}`, response);
        else reads.ok++;
      }
      checks.readsAfterWrite += 2;
      const seen = [
        post.status === 200 && post.body?.id === id,
        feed.body?.items?.some((p) => p.id === id),
      ];
      if (!seen.every(Boolean)) {
        checks.stale++;
        if (checks.staleExamples.length < 5)
          checks.staleExamples.push({ atMs: at(), id, post: post.status, feedHasIt: seen[1] });
      }
    }
  };

  // The fault, in five equal steps: steady, delayed 2 s, stopped, started (still delayed), caught up.
  const step = DURATION_MS / 5;
  const states = [];
  const fault = (async () => {
    const watch = setInterval(async () => {
      const ready = await request(`${urls[0]}/readyz`);
      const state = ready.body?.checks?.replica1?.status;
      if (state && state !== states.at(-1)?.state) {
        states.push({ atMs: at(), state, lagMs: ready.body.checks.replica1.lagMs });
        progress(`${at()} ms: replica1 ${state}`);
      }
    }, 200);
    const before = await replicaMetrics(urls[0]);
    await sleep(step);
    await cluster.setDelay(0, 2000);
    mark("standby delayed by 2 s (recovery_min_apply_delay)");
    await sleep(step);
    await cluster.standbys[0].stop();
    mark("standby stopped");
    await sleep(step);
    await cluster.standbys[0].start();
    mark("standby started (still delayed)");
    await sleep(step / 2);
    await cluster.setDelay(0, 0);
    mark("standby delay removed");
    await sleep(step * 1.5);
    const during = await replicaMetrics(urls[0]);
    running = false;
    clearInterval(watch);
    return { before, during };
  })();
  const [metrics] = await Promise.all([fault, ...[0, 1, 2, 3].map(reader), ...writers.map(writer)]);
  mark("load stopped");

  // The replica answered again after the fault: it came back into rotation by itself.
  await sleep(500);
  const lastWindowStart = await replicaMetrics(urls[0]);
  for (let i = 0; i < 50; i++) await request(urls[0] + cursorPage());
  const after = await replicaMetrics(urls[0]);
  const ledger = await checkLedger(databaseUrl, writes, LABEL);
  const backInRotation = states.at(-1)?.state === "up";
  const failedRequests = reads.failed + writes.failedAttempts;
  return {
    fault: "replica",
    passed:
      failedRequests === 0 &&
      checks.stale === 0 &&
      ledger.lostAcknowledged === 0 &&
      ledger.duplicated === 0 &&
      writes.gaveUp.length === 0 &&
      backInRotation &&
      metrics.before.replicaReads < metrics.during.replicaReads &&
      after.replicaReads > lastWindowStart.replicaReads,
    failedRequests,
    staleReadsAfterAcknowledgedWrite: checks.stale,
    lostWrites: ledger.lostAcknowledged,
    timeline,
    replicaStates: states,
    reads: {
      ok: reads.ok,
      failed: reads.failed,
      readsAfterWrite: checks.readsAfterWrite,
      firstFailures: reads.failures,
      staleExamples: checks.staleExamples,
    },
    writes: {
      ...ledger,
      attempts: writes.attempts,
      failedAttempts: writes.failedAttempts,
      gaveUp: writes.gaveUp.length,
    },
    readsPerTarget: {
      instance: "first",
      endOfFault: metrics.during,
      afterFault: after,
      replicaReadsAfterFault: after.replicaReads - lastWindowStart.replicaReads,
    },
  };
});
