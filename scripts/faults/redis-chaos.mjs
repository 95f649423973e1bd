// Fault: a Redis of its own paused for writes, frozen (SIGSTOP), busy (DEBUG SLEEP) or restarted
// without its data, at random, under two production instances and mixed load. Proof: no read
// started after a write's acknowledgement misses it, on either instance, and no acknowledged
// write is lost (scripts/faults/lib/consistency.mjs). FAULT_DURATION_MS (default 60 s);
// FAULT_SEED replays the draw of faults and writes (printed in the summary).
import { freePort, productionEnv, startApp } from "../lib/app-process.mjs";
import { checkWrites, startConsistencyRun } from "./lib/consistency.mjs";
import { faultScript, progress, scratchDatabase } from "./lib/harness.mjs";
import { createRng } from "./lib/hostile.mjs";
import { registerWriter } from "./lib/load.mjs";
import { startFaultyRedis, verifyInjectors } from "./lib/redis-faults.mjs";

const DURATION_MS = Number(process.env.FAULT_DURATION_MS ?? 60_000);
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Each kind with how long it lasts, drawn from the ranges the outside test used.
const FAULTS = {
  "pause-writes": (rng, redis) => {
    const ms = 100 + rng.int(401);
    return { info: { ms }, inject: () => redis.pauseWrites(ms) };
  },
  "stop-continue": (rng, redis) => {
    const ms = 50 + rng.int(751);
    return { info: { ms }, inject: () => redis.stop(ms) };
  },
  "debug-sleep": (rng, redis) => {
    const ms = 100 * (1 + rng.int(7));
    return { info: { ms }, inject: () => redis.sleep(ms) };
  },
  restart: (_rng, redis) => ({ info: {}, inject: () => redis.restart() }),
};

// FAULT_KINDS=pause-writes,restart narrows the draw; "none" runs the same load without faults.
const KINDS = (process.env.FAULT_KINDS ?? Object.keys(FAULTS).join(","))
  .split(",")
  .filter((kind) => kind && kind !== "none");
const unknownKind = KINDS.find((kind) => !FAULTS[kind]);
if (unknownKind) throw new Error(`FAULT_KINDS: no fault "${unknownKind}" (${Object.keys(FAULTS)})`);

await faultScript("redis-chaos", async (cleanups) => {
  const rng = createRng(SEED);
  const databaseUrl = await scratchDatabase("inkwell_fault_chaos");
  const redis = await startFaultyRedis(await freePort());
  cleanups.push(() => redis.close());
  const injectors = await verifyInjectors(redis);
  if (!injectors.ok) throw new Error(`an injector had no effect: ${JSON.stringify(injectors)}`);
  progress(`injectors checked on ${redis.url}; seed ${SEED}`);

  const env = productionEnv({ databaseUrl, redisUrl: redis.url, redisPrefix: `chaos:${SEED}:` });
  const apps = [];
  for (const name of ["A", "B"]) {
    const app = await startApp({ port: await freePort(), env, name, discardStdout: true });
    cleanups.push(() => app.stop());
    apps.push(Object.assign(app, { name }));
  }
  const { accessToken, user } = await registerWriter(apps[0].url);
  const run = startConsistencyRun({
    instances: apps,
    token: accessToken,
    authorId: user.id,
    random: rng.next,
  });

  await sleep(1000); // caches warm, both instances' leases live
  while (KINDS.length && run.elapsedMs() < DURATION_MS - 1500) {
    const kind = rng.pick(KINDS);
    const { info, inject } = FAULTS[kind](rng, redis);
    progress(`${run.elapsedMs()} ms: ${kind} ${JSON.stringify(info)}`);
    await run.fault(kind, inject, info);
    await sleep(300 + rng.int(1500));
  }
  await sleep(Math.max(0, DURATION_MS - run.elapsedMs()));
  const result = await run.stop();
  const ledger = await checkWrites(databaseUrl, user.id, result.ledger);
  return {
    fault: "redis-chaos",
    passed:
      result.stale.count === 0 &&
      result.unexpected.count === 0 &&
      ledger.lostAcknowledged === 0 &&
      ledger.duplicated === 0 &&
      apps.every((app) => app.alive()),
    seed: SEED,
    injectors,
    ...result,
    ledger, // the database's word on the writes (the run's own ledger is long)
  };
});
