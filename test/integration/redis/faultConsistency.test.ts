import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  checkWrites,
  startConsistencyRun,
  type ConsistencySummary,
} from "../../../scripts/faults/lib/consistency.mjs";
import {
  startFaultyRedis,
  verifyInjectors,
  type FaultyRedis,
} from "../../../scripts/faults/lib/redis-faults.mjs";
import { apiUser } from "../../factories";
import { httpAt } from "../../http";
import {
  freePort,
  productionEnv,
  startApp,
  type AppServer,
} from "../../../scripts/lib/app-process.mjs";
import { TEST_DATABASE_URL, TEST_REDIS_PREFIX } from "../../setup/testEnv";

// The promise of the feed cache (README, "Feed cache"): after any acknowledged write, the next
// read on any instance reflects it, also while Redis is slow, paused or restarted. Two
// production instances share a Redis of this file's own; a writer changes posts one at a time
// through either instance while readers on both check every read against the writes
// acknowledged before it started (scripts/faults/lib/consistency.mjs). Production mode, as
// the fault scripts run it (productionEnv): the same cache settings as a deployment.

const WARM_MS = 800; // caches filled and both instances' leases live before the first fault
const GAP_MS = 700; // between faults: writes and reads on a recovered Redis
const TAIL_MS = 500; // reads this long after a fault still count as "around" it
// Each fault is injected several times: whether a read goes stale depends on where in a write
// the fault lands. The stops span the 50–800 ms the outside test used.
const STOPS_MS = [50, 150, 200, 300, 400, 500, 600, 800];

let redis: FaultyRedis;
const instances: (AppServer & { name: string })[] = [];

beforeAll(async () => {
  redis = await startFaultyRedis(await freePort());
  const env = productionEnv({
    databaseUrl: TEST_DATABASE_URL,
    redisUrl: redis.url,
    redisPrefix: `${TEST_REDIS_PREFIX}consistency:`,
  });
  for (const name of ["A", "B"]) {
    instances.push(Object.assign(await startApp({ env }), { name }));
  }
});
afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await redis?.close();
});

/** Both instances report Redis up (after a restart they reconnect on their own). */
async function redisUpEverywhere() {
  for (const instance of instances) {
    await expect
      .poll(
        async () => (await httpAt(instance.url, "GET", "/readyz")).body?.checks?.redis?.status,
        {
          timeout: 10_000,
        },
      )
      .toBe("up");
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The harness around `faults`, injected one after another; the summary and the database's word. */
async function underFaults(kind: string, faults: (() => Promise<unknown>)[]) {
  const writer = await apiUser(`consistency-${kind}`, { baseUrl: instances[0]!.url });
  const run = startConsistencyRun({
    instances,
    token: writer.accessToken,
    authorId: writer.id,
    tailMs: TAIL_MS,
  });
  await sleep(WARM_MS);
  for (const inject of faults) {
    await run.fault(kind, inject);
    await sleep(GAP_MS);
  }
  const summary = await run.stop();
  const writes = await checkWrites(TEST_DATABASE_URL, writer.id, summary.ledger);
  console.log(report(kind, summary, writes));
  return { summary, writes };
}

/** The counts, one line per fault and per stale read (the first ten). */
function report(kind: string, s: ConsistencySummary, writes: object) {
  const j = JSON.stringify;
  const { stale } = s;
  return [
    `[${kind}] writes ${s.writes.acknowledged} ${j(s.writes.byKind)} ms ${j(s.writes.ms)}`,
    `  reads ${s.reads.total}, checked ${s.reads.checked} ${j(s.reads.byInstance)}, probes ${s.reads.probes}, ms ${j(s.reads.ms)}`,
    `  STALE ${stale.count} (max ${stale.maxMsAfterAck} ms after the ack) on ${j(stale.byInstance)} paths ${j(stale.byPath)} write→read ${j(stale.byDirection)}`,
    `  failed ${s.failed.count}, 503 ${s.unavailable.count}, slow ${s.slow.count}, unexpected ${s.unexpected.count}; database ${j(writes)}`,
    ...s.faults.windows.map(
      (w) =>
        `  fault ${w.n} at ${w.atMs} ms for ${w.ms} ms: ${w.writesAcked} writes acked, checked reads ${j(w.checkedReads)}, probes ${j(w.probeReads)}, stale ${w.stale}`,
    ),
    ...stale.first
      .slice(0, 10)
      .map(
        (r) =>
          `  stale read at ${r.atMs} ms on ${r.instance} ${r.path} (${r.source}): ${r.msAfterAck} ms after the ack of ${r.write.kind} #${r.write.seq} on ${r.write.on}, fault ${r.fault?.n} +${r.fault?.msAfterStart} ms; ${j(r.posts[0])}`,
      ),
  ].join("\n");
}

/** Exercised, not vacuous: every fault had writes acknowledged around it and reads on both. */
function expectExercised(summary: ConsistencySummary, faults: number) {
  expect(summary.writes.acknowledged).toBeGreaterThanOrEqual(2 * faults);
  expect(summary.faults.windows).toHaveLength(faults);
  for (const window of summary.faults.windows) {
    for (const { name } of instances) {
      // At least one acknowledged write's probes (feed, author feed, post) on this instance.
      expect(
        window.probeReads[name] ?? 0,
        `${name} probes, fault ${window.n}`,
      ).toBeGreaterThanOrEqual(3);
      expect(
        window.checkedReads[name] ?? 0,
        `${name} reads, fault ${window.n}`,
      ).toBeGreaterThanOrEqual(10);
    }
  }
}

function expectConsistent(
  summary: ConsistencySummary,
  writes: Awaited<ReturnType<typeof checkWrites>>,
) {
  const stale = JSON.stringify(summary.stale.first.slice(0, 5), null, 1);
  expect(summary.stale.count, `stale reads (first five): ${stale}`).toBe(0);
  expect(summary.unexpected.count).toBe(0);
  expect(writes.lostAcknowledged).toBe(0);
  expect(writes.duplicated).toBe(0);
}

describe("fault injectors on a Redis of the test's own", () => {
  test("When each fault is injected, then it has its effect: a paused PUBLISH waits while PING answers, a stopped or sleeping server answers nobody, a restart loses the data", async () => {
    const own = await startFaultyRedis(await freePort());
    try {
      const checks = await verifyInjectors(own);
      console.log(`[injectors] ${JSON.stringify(checks)}`);
      expect(checks.pauseWrites.ok, JSON.stringify(checks.pauseWrites)).toBe(true);
      expect(checks.stop.ok, JSON.stringify(checks.stop)).toBe(true);
      expect(checks.sleep.ok, JSON.stringify(checks.sleep)).toBe(true);
      expect(checks.restart.ok, JSON.stringify(checks.restart)).toBe(true);
    } finally {
      await own.close();
    }
  });
});

describe("reads after acknowledged writes, two production instances, Redis faulted", () => {
  beforeEach(redisUpEverywhere);

  test("When Redis pauses writes (CLIENT PAUSE 300 WRITE) ten times, then no read started after a write's acknowledgement misses it, on either instance", async () => {
    const { summary, writes } = await underFaults(
      "pause-writes",
      Array.from({ length: 10 }, () => () => redis.pauseWrites(300)),
    );
    expectExercised(summary, 10);
    expectConsistent(summary, writes);
  }, 40_000);

  test("When redis-server is stopped (SIGSTOP) for 50 to 800 ms and continued, then no read started after a write's acknowledgement misses it, on either instance", async () => {
    const { summary, writes } = await underFaults(
      "stop-continue",
      STOPS_MS.map((ms) => () => redis.stop(ms)),
    );
    expectExercised(summary, STOPS_MS.length);
    expectConsistent(summary, writes);
  }, 40_000);

  test("When Redis is busy in DEBUG SLEEP 0.5 eight times, then no read started after a write's acknowledgement misses it, on either instance", async () => {
    const { summary, writes } = await underFaults(
      "debug-sleep",
      Array.from({ length: 8 }, () => () => redis.sleep(500)),
    );
    expectExercised(summary, 8);
    expectConsistent(summary, writes);
  }, 40_000);

  // Last: the instances reconnect to a Redis that has forgotten the feed version.
  test("When Redis restarts without persistence (every key lost) five times, then no read started after a write's acknowledgement misses it, on either instance", async () => {
    const { summary, writes } = await underFaults(
      "restart",
      Array.from({ length: 5 }, () => async () => {
        await redis.restart();
        await sleep(800); // the instances' reconnects back off for up to 2 s
      }),
    );
    expectExercised(summary, 5);
    expectConsistent(summary, writes);
  }, 40_000);
});
