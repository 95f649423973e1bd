import { createServer, connect, type Server, type Socket } from "node:net";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { redisFeedCache, type FeedCache } from "../../../src/cache/feedCache";
import {
  subscriberOptions,
  watchVersions,
  type VersionWatch,
} from "../../../src/cache/versionWatch";
import { TEST_REDIS_PREFIX, TEST_REDIS_URL } from "../../setup/testEnv";

// Two "instances" in this process, each with its own Redis connections, feed cache and version
// watch, as two app servers have. Pages served from an instance's memory must never be stale
// once a write on the other instance has been acknowledged, even when its subscription is cut
// or hangs.

const LEASE_MS = 2000;
const redisPort = Number(new URL(TEST_REDIS_URL).port || 6379);
const redisHost = new URL(TEST_REDIS_URL).hostname;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A TCP relay to Redis that can stop passing Redis's answers on (a hung connection). */
async function freezableRelay() {
  let frozen = false;
  const held: { socket: Socket; data: Buffer }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(redisPort, redisHost);
    sockets.add(client).add(upstream);
    client.on("data", (data) => upstream.write(data));
    upstream.on("data", (data) =>
      frozen ? held.push({ socket: client, data }) : client.write(data),
    );
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    freeze: () => (frozen = true),
    thaw() {
      frozen = false;
      for (const { socket, data } of held.splice(0)) socket.write(data);
    },
  };
}

function instance(
  prefix: string,
  { subscriberUrl = TEST_REDIS_URL, clientUrl = TEST_REDIS_URL, commandTimeout = 0 } = {},
) {
  // Fail fast as the app's client does (no offline queue, a command timeout when given).
  const client = new Redis(clientUrl, {
    enableOfflineQueue: false,
    ...(commandTimeout ? { commandTimeout } : {}),
  });
  const subscriber = new Redis(subscriberUrl, subscriberOptions);
  const unacknowledged = { count: 0 };
  const watch = watchVersions(client, subscriber, `${prefix}feed:`, {
    leaseMs: LEASE_MS,
    onUnacknowledged: () => unacknowledged.count++,
  });
  const cache = redisFeedCache(client, prefix, {}, watch);
  cleanups.push(() => {
    watch.close();
    subscriber.disconnect();
    client.disconnect();
  });
  return { cache, watch, subscriber, unacknowledged };
}

async function trusted(watch: VersionWatch) {
  for (let i = 0; i < 100 && watch.current() === null; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(watch.current()).not.toBeNull();
}

/** A page loader over a value the test changes, counting how often it is asked. */
function source(initial: string) {
  const state = { value: initial, loads: 0 };
  const load = async () => {
    state.loads++;
    return JSON.stringify({ value: state.value });
  };
  return { state, load };
}
const read = async (cache: FeedCache, load: () => Promise<string>) =>
  JSON.parse((await cache.page("all:20", load)).body.toString()).value;

describe("pages kept in each instance's memory", () => {
  test("When a page is read again, then it comes from memory; after a write on another instance, never", async () => {
    const prefix = `${TEST_REDIS_PREFIX}near:${Date.now()}:`;
    const a = instance(prefix);
    const b = instance(prefix);
    await Promise.all([trusted(a.watch), trusted(b.watch)]);
    const { state, load } = source("first");

    expect(await read(a.cache, load)).toBe("first");
    expect(await read(a.cache, load)).toBe("first");
    expect(state.loads).toBe(1);

    state.value = "second"; // the write, then its invalidation on the other instance
    const started = performance.now();
    await b.cache.invalidate();
    // Both instances answered at once: nobody waited for a lease to run out.
    expect(performance.now() - started).toBeLessThan(LEASE_MS / 2);
    expect(b.unacknowledged.count).toBe(0);
    expect(await read(a.cache, load)).toBe("second");
    expect(state.loads).toBe(2);
  });

  test("When writes land on one instance while the other serves a stream of reads, then no read after an acknowledged write is stale", async () => {
    const prefix = `${TEST_REDIS_PREFIX}near-stream:${Date.now()}:`;
    const a = instance(prefix);
    const b = instance(prefix);
    await Promise.all([trusted(a.watch), trusted(b.watch)]);
    const { state, load } = source("0");
    let reading = true;
    const background = (async () => {
      // Keeps a's memory warm and busy; yields between reads, as requests arriving on sockets do.
      while (reading) {
        await read(a.cache, load);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      for (let write = 1; write <= 50; write++) {
        state.value = String(write);
        await (write % 2 ? b : a).cache.invalidate();
        expect(await read(a.cache, load)).toBe(String(write));
      }
    } finally {
      reading = false;
      await background;
    }
    // The stream was served from memory, not by asking PostgreSQL for every read.
    expect(state.loads).toBeLessThan(200);
  });

  test("When many writes on one instance invalidate at once, then they share announcements, and each one's next read on any instance shows it", async () => {
    const prefix = `${TEST_REDIS_PREFIX}near-shared:${Date.now()}:`;
    const WRITES = 500;
    const a = instance(prefix);
    const b = instance(prefix);
    // An instance that cannot vouch for its memory (no watch): it asks Redis for the version
    // on every read, so it can start a load right after a bump, before the announcement.
    const plainClient = new Redis(TEST_REDIS_URL, { enableOfflineQueue: false });
    cleanups.push(() => plainClient.disconnect());
    const c = redisFeedCache(plainClient, prefix);
    await Promise.all([trusted(a.watch), trusted(b.watch)]);
    const committed = new Set<number>();
    // Like a query: it sees what was committed when it started, and answers a little later.
    const load = async () => {
      const seen = JSON.stringify({ value: [...committed] });
      await new Promise((resolve) => setTimeout(resolve, 3));
      return seen;
    };
    await read(a.cache, load); // the version exists from here on
    let reading = true;
    // Keeps loads under way on both readers, so a shared bump that went out before a write
    // committed would leave that write out of what they serve after it was acknowledged.
    const background = [a.cache, c].map(async (cache) => {
      while (reading) {
        await read(cache, load);
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    const redis = new Redis(TEST_REDIS_URL);
    cleanups.push(() => redis.disconnect());
    const versionBefore = Number(await redis.get(`${prefix}feed:version`));
    try {
      const stale: number[] = [];
      await Promise.all(
        Array.from({ length: WRITES }, async (_, write) => {
          // Writes commit at different moments, many while a shared bump is under way.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 200));
          committed.add(write);
          await b.cache.invalidate();
          const seen = await Promise.all([read(a.cache, load), read(c, load)]);
          if (!seen.every((value: number[]) => value.includes(write))) stale.push(write);
        }),
      );
      expect(stale).toEqual([]);
    } finally {
      reading = false;
      await Promise.all(background);
    }
    const bumps = Number(await redis.get(`${prefix}feed:version`)) - versionBefore;
    expect(bumps).toBeGreaterThan(0);
    expect(bumps).toBeLessThan(WRITES);
  });

  test("When an instance's subscription drops, then it serves nothing from memory until it is back", async () => {
    const prefix = `${TEST_REDIS_PREFIX}near-drop:${Date.now()}:`;
    const a = instance(prefix);
    const b = instance(prefix);
    await Promise.all([trusted(a.watch), trusted(b.watch)]);
    const { state, load } = source("first");
    await read(a.cache, load);

    a.subscriber.disconnect(); // no reconnect: every announcement from now on is missed
    state.value = "second";
    await b.cache.invalidate();
    expect(await read(a.cache, load)).toBe("second");
    expect(a.watch.current()).toBeNull();
  });

  test("When a write's invalidation fails on the writer's connection only, then the others learn of it soon, without the writer reading again", async () => {
    const prefix = `${TEST_REDIS_PREFIX}near-retry:${Date.now()}:`;
    const relay = await freezableRelay();
    const a = instance(prefix);
    const b = instance(prefix, { clientUrl: relay.url, commandTimeout: 150 });
    await Promise.all([trusted(a.watch), trusted(b.watch)]);
    const { state, load } = source("first");
    await read(a.cache, load);

    relay.freeze(); // b's commands reach Redis, their answers do not reach b
    state.value = "second";
    await b.cache.invalidate(); // times out: the write is acknowledged, its invalidation pending
    relay.thaw();
    let seen = await read(a.cache, load);
    for (let i = 0; i < 40 && seen !== "second"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await read(a.cache, load);
    }
    expect(seen).toBe("second");
  });

  test("When an instance's own invalidation fails, then it does not serve its memory from before that write", async () => {
    const prefix = `${TEST_REDIS_PREFIX}near-own:${Date.now()}:`;
    const relay = await freezableRelay();
    const a = instance(prefix, { clientUrl: relay.url, commandTimeout: 150 });
    await trusted(a.watch);
    const { state, load } = source("first");
    await read(a.cache, load);
    expect(await read(a.cache, load)).toBe("first"); // from memory

    relay.freeze(); // a's subscriber still renews its lease; its own commands go unanswered
    state.value = "second";
    await a.cache.invalidate();
    expect(await read(a.cache, load)).toBe("second"); // Redis unanswered: from the database
    relay.thaw();
  });

  test("When an instance hangs, then a write waits out its lease and the instance then reads fresh", async () => {
    const prefix = `${TEST_REDIS_PREFIX}near-hang:${Date.now()}:`;
    const relay = await freezableRelay();
    const a = instance(prefix, { subscriberUrl: relay.url });
    const b = instance(prefix);
    await Promise.all([trusted(a.watch), trusted(b.watch)]);
    const { state, load } = source("first");
    await read(a.cache, load);
    expect(await read(a.cache, load)).toBe("first");

    relay.freeze(); // a's subscriber hears nothing more: no announcements, no pongs
    state.value = "second";
    const started = performance.now();
    await b.cache.invalidate();
    // b could not get a's acknowledgement, so it waited until a's lease had surely lapsed.
    expect(performance.now() - started).toBeGreaterThanOrEqual(LEASE_MS - 5);
    expect(b.unacknowledged.count).toBe(1); // counted for the operator (a metric in the app)
    expect(a.watch.current()).toBeNull();
    expect(await read(a.cache, load)).toBe("second");

    relay.thaw(); // the held announcement and pongs arrive; memory is trusted again
    await trusted(a.watch);
    expect(await read(a.cache, load)).toBe("second");
  });
});

afterAll(async () => {
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${TEST_REDIS_PREFIX}near*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});
