import { Redis } from "ioredis";
import { afterAll, describe, expect, test } from "vitest";
import type { Options } from "express-rate-limit";
import { LeasedRedisStore } from "../../../src/server/limits/leasedRedisStore";
import { TEST_REDIS_PREFIX, TEST_REDIS_URL } from "../../setup/testEnv";

// The rate-limit store that hands out hits in leases: two stores on their own connections play
// two instances sharing one Redis.
const clients: Redis[] = [];
afterAll(() => clients.forEach((client) => client.disconnect()));

function instances(limit: number) {
  const prefix = `${TEST_REDIS_PREFIX}lease:${Date.now()}:${Math.random()}:`;
  return [0, 1].map(() => {
    const client = new Redis(TEST_REDIS_URL);
    clients.push(client);
    const store = new LeasedRedisStore(client, prefix, () => limit);
    store.init({ windowMs: 60_000 } as Options);
    return store;
  });
}

const admitted = (results: { totalHits: number }[], limit: number) =>
  results.filter((result) => result.totalHits <= limit).length;

describe("leased rate-limit counts", () => {
  test("When a client floods two instances at once, then together they admit no more than the limit", async () => {
    const limit = 500;
    const stores = instances(limit);
    const results = await Promise.all(
      Array.from({ length: 2000 }, (_, i) => stores[i % 2]!.increment("ip:203.0.113.7")),
    );
    const count = admitted(results, limit);
    expect(count).toBeLessThanOrEqual(limit);
    // Hits held in reserve by the other instance may end the budget slightly early, no more.
    expect(count).toBeGreaterThanOrEqual(limit * 0.9);
  });

  test("When a client is seen rarely, then every hit is counted in Redis at once, exactly", async () => {
    const limit = 3;
    const stores = instances(limit);
    const totals = [];
    for (let i = 0; i < 5; i++)
      totals.push((await stores[i % 2]!.increment("ip:198.51.100.3")).totalHits);
    expect(totals).toEqual([1, 2, 3, 4, 5]);
  });

  test("When the limit is spent, then further hits are refused without asking Redis", async () => {
    const limit = 2;
    const [store] = instances(limit);
    await store!.increment("ip:192.0.2.4");
    await store!.increment("ip:192.0.2.4");
    const third = await store!.increment("ip:192.0.2.4"); // the lease comes back short
    expect(third.totalHits).toBe(3);
    clients.at(-2)!.disconnect(); // this instance's Redis connection is gone
    const fourth = await store!.increment("ip:192.0.2.4");
    expect(fourth.totalHits).toBe(4);
    expect(fourth.resetTime!.getTime()).toBeGreaterThan(Date.now());
  });
});
