import type { Redis } from "ioredis";
import { afterEach, describe, expect, test } from "vitest";
import { redisFeedCache, type FeedCache } from "../../../src/cache/feedCache";
import { openRedis } from "../../../src/cache/redis";
import { redisTarget, type RedisTarget } from "../../../src/cache/redisTarget";
import { defineScripts } from "../../../src/cache/scripts";
import { subscriberOptions, watchVersions } from "../../../src/cache/versionWatch";
import { freePort } from "../../../scripts/lib/app-process.mjs";
import {
  startSentinelSetup,
  waitFor,
  withRedis,
  type SentinelSetup,
} from "../../../scripts/lib/redis-sentinel.mjs";
import { TEST_REDIS_PREFIX } from "../../setup/testEnv";
import { startRelay } from "./replicationRelay";

// Asynchronous replication: a replica Sentinel promotes may have missed the old master's last
// bumps of the feed version. The feed must not go stale for that (src/cache/scripts.ts): not
// by serving the page the replica holds under its old count, nor by reusing, on the new master,
// a count the old one already gave to other data (which instances keep in memory).

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** SENTINEL_TEST_PORT_BASE=6460 puts the servers on 6460… and the sentinel on 26460. */
async function ports() {
  const base = Number(process.env.SENTINEL_TEST_PORT_BASE ?? 0);
  if (base) return { master: base, replica: base + 1, relay: base + 2, sentinel: base + 20_000 };
  const [master, replica, relay, sentinel] = await Promise.all([1, 2, 3, 4].map(freePort));
  return { master: master!, replica: replica!, relay: relay!, sentinel: sentinel! };
}

/** One app instance's feed cache, its connections made as src/cache/index.ts makes them. */
function instance(target: RedisTarget, prefix: string) {
  const client = openRedis(target);
  const writer = client.duplicate({ commandTimeout: 3000 });
  const subscriber = client.duplicate(subscriberOptions);
  const connections: Redis[] = [client, writer, subscriber];
  for (const connection of connections) {
    connection.on("error", () => {});
    defineScripts(connection);
  }
  const watch = watchVersions(writer, subscriber, `${prefix}feed:`);
  const cache = redisFeedCache(client, prefix, {}, watch, writer);
  cleanups.push(() => {
    watch.close();
    for (const connection of connections) connection.disconnect();
  });
  const onRedis = () =>
    connections.every((connection) => connection.status === "ready") && watch.current() !== null;
  return { cache, watch, onRedis };
}

const source = { value: "", loads: 0 };
const load = async () => {
  source.loads++;
  return JSON.stringify({ value: source.value });
};
const read = async (cache: FeedCache) =>
  JSON.parse((await cache.page("all:20", load)).body.toString()).value;

async function sentinelSetup(withRelay: boolean) {
  const port = await ports();
  const relay = withRelay ? await startRelay(port.relay, port.master) : null;
  if (relay) cleanups.push(() => relay.cut().catch(() => {}));
  const setup: SentinelSetup = await startSentinelSetup({
    masterPort: port.master,
    replicaPorts: [port.replica],
    replicaOf: relay ? [port.relay] : [],
    sentinelPorts: [port.sentinel],
    downAfterMs: 500,
  });
  cleanups.push(() => setup.stop());
  return { setup, relay, port };
}

describe("the feed across a Sentinel failover", () => {
  test("When the promoted replica missed the last feed invalidation, then reads show the acknowledged write, and the next write is never confused with an old version", async () => {
    const { setup, relay, port } = await sentinelSetup(true);
    const target = redisTarget({
      REDIS_SENTINELS: setup.sentinels,
      REDIS_SENTINEL_NAME: setup.name,
    });
    const prefix = `${TEST_REDIS_PREFIX}sentinel-failover:${Date.now()}:`;
    const a = instance(target!, prefix);
    const b = instance(target!, prefix);
    await waitFor("both instances on Redis", async () => a.onRedis() && b.onRedis());

    // Page "A" cached under the current version, in Redis and in each instance's memory, and
    // replicated.
    source.value = "A";
    for (const cache of [a.cache, b.cache, a.cache, b.cache]) expect(await read(cache)).toBe("A");
    expect(await withRedis(port.master, (c) => c.call("WAIT", "1", "2000"))).toBe(1);

    // The replica's link stalls; then write "B" is acknowledged on the master only.
    relay!.hold();
    source.value = "B";
    await a.cache.invalidate();
    for (const cache of [a.cache, b.cache, a.cache, b.cache]) expect(await read(cache)).toBe("B");
    const versionKey = `${prefix}feed:version`;
    const oldCount = Number(await withRedis(port.master, (c) => c.get(versionKey)));
    const replicaCount = Number(await withRedis(port.replica, (c) => c.get(versionKey)));
    expect(replicaCount).toBe(oldCount - 1); // the replica never saw B's bump

    // The master dies; Sentinel promotes the replica that lags.
    await setup.kill(port.master);
    await relay!.cut();
    await waitFor(
      "the replica's promotion",
      async () => (await setup.masterPort()) === port.replica,
    );
    await waitFor("both instances back on Redis", async () => a.onRedis() && b.onRedis(), 20_000);

    // The acknowledged write stays visible, though the new master holds page "A" under the
    // count it knows.
    for (const cache of [a.cache, b.cache, a.cache, b.cache]) expect(await read(cache)).toBe("B");

    // The next write brings the new master's count to the one "B" had on the old master, whose
    // page each instance still keeps in memory: it must not match.
    source.value = "C";
    await b.cache.invalidate();
    expect(Number(await withRedis(port.replica, (c) => c.get(versionKey)))).toBe(oldCount);
    for (const cache of [a.cache, b.cache, a.cache, b.cache]) expect(await read(cache)).toBe("C");
    // And the reads went through the new master's cache, not around it.
    const pages = await withRedis(port.replica, (c) => c.keys(`${prefix}feed:page:*`));
    const histories = new Set(pages.map((key) => key.slice(prefix.length).split(":")[2]));
    expect(histories.size).toBe(2); // the replicated old one, and the new master's own
  }, 60_000);
});
