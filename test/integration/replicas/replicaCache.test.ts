import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { memoryFeedCache, redisFeedCache, type FeedCache } from "../../../src/cache/feedCache";
import { defineScripts } from "../../../src/cache/scripts";
import { readFeed } from "../../../src/posts/posts.service";
import { routedSql } from "../../../src/server/replicas/readRoute";
import { startReplicaSet, type ReplicaSet } from "../../../src/server/replicas/replicaSet";
import { poolSql } from "../../../src/shared/sql";
import { TEST_REDIS_PREFIX, TEST_REDIS_URL } from "../../setup/testEnv";
import {
  authorRow,
  postRow,
  replicatedDatabase,
  sleep,
  until,
  untilPolled,
  type ReplicatedDatabase,
} from "./replicaSetup";

// The feed cache and the replicas' rotation, in-process against a real primary and a streaming
// standby whose lag recovery_min_apply_delay makes certain.

let pg: ReplicatedDatabase;
let redis: Redis;
beforeAll(async () => {
  pg = await replicatedDatabase(4650);
  redis = new Redis(TEST_REDIS_URL);
  defineScripts(redis);
});
afterAll(async () => {
  redis?.disconnect();
  await pg?.close();
});

describe("a lagging replica and the feed cache", () => {
  let set: ReplicaSet;
  // Lag allowed up to a minute: the replica stays in rotation while 3 s behind, so only the
  // version's WAL floor stands between it and the cache.
  beforeAll(() => {
    set = startReplicaSet({
      urls: [pg.replicaUrl],
      primaryUrl: pg.primaryUrl,
      maxLagMs: 60_000,
      pollMs: 50,
    });
  });
  afterAll(async () => {
    await set?.close();
    await pg.cluster.setDelay(0, 0);
  });

  const titlesVia = async (cache: FeedCache, authorId: number) => {
    const deps = {
      db: pg.db,
      sql: poolSql(pg.pool),
      cache,
      reads: { sql: routedSql(set, (floor) => floor, poolSql(pg.pool)) },
    };
    const { shared } = await readFeed(null, { authorId }, deps);
    const page = JSON.parse(shared.body.toString()) as { items: { title: string }[] };
    return page.items.map((post) => post.title);
  };

  async function laggingScenario(cache: FeedCache) {
    const author = await authorRow(pg.db);
    await untilPolled(set, await pg.position());
    expect(await titlesVia(cache, author.id)).toEqual([]); // cached under the current version
    await pg.cluster.setDelay(0, 3000);
    await sleep(100); // the reload is asynchronous
    await postRow(pg.db, author.id, "fresh");
    await cache.invalidate();
    const first = await titlesVia(cache, author.id);
    const second = await titlesVia(cache, author.id);
    await pg.cluster.setDelay(0, 0);
    await pg.cluster.waitForReplay(0);
    return { first, second };
  }

  test("When a write invalidates the feed while the replica lags, then the page filled under the new version has the write", async () => {
    const cache = redisFeedCache(
      redis,
      `${TEST_REDIS_PREFIX}replica:${randomUUID()}:`,
      {},
      undefined,
      redis,
      pg.position,
    );
    await until("in rotation", () => set.replicas[0]!.state === "in rotation");
    expect(await laggingScenario(cache)).toEqual({ first: ["fresh"], second: ["fresh"] });
  });

  test("When there is no Redis (the in-process cache), then the same holds", async () => {
    await until("in rotation", () => set.replicas[0]!.state === "in rotation");
    const cache = memoryFeedCache({}, pg.position);
    expect(await laggingScenario(cache)).toEqual({ first: ["fresh"], second: ["fresh"] });
  });

  test("Control: without the WAL floor on the version, the lagging replica fills the new version with the old page", async () => {
    // The same cache as before this change: no position stored with the bump.
    const cache = redisFeedCache(redis, `${TEST_REDIS_PREFIX}replica:${randomUUID()}:`);
    // The old page, under the new version: every instance would serve it until the next write.
    expect(await laggingScenario(cache)).toEqual({ first: [], second: [] });
  });
});

describe("rotation", () => {
  test("When the standby lags past REPLICA_MAX_LAG_MS or stops, then it leaves rotation, and comes back by itself", async () => {
    const set = startReplicaSet({
      urls: [pg.replicaUrl],
      primaryUrl: pg.primaryUrl,
      maxLagMs: 1000,
      pollMs: 50,
    });
    const replica = set.replicas[0]!;
    try {
      await until("in rotation", () => replica.state === "in rotation");
      expect(set.pick()).toBe(replica);

      await pg.cluster.setDelay(0, 2000);
      await sleep(100);
      await authorRow(pg.db); // a commit the standby holds back for 2 s
      await until("lagging", () => replica.state === "lagging", 5000);
      expect(replica.lagMs).toBeGreaterThan(1000);
      expect(set.pick()).toBeNull();

      await pg.cluster.setDelay(0, 0);
      await until("back in rotation", () => replica.state === "in rotation", 5000);

      await pg.cluster.standbys[0]!.stop();
      await until("down", () => replica.state === "down", 5000);
      expect(set.pick()).toBeNull();
      await pg.cluster.standbys[0]!.start();
      await until("back after restart", () => replica.state === "in rotation", 10_000);
      expect(set.pick()).toBe(replica);
    } finally {
      await pg.cluster.setDelay(0, 0).catch(() => {});
      if (!pg.cluster.standbys[0]!.running()) await pg.cluster.standbys[0]!.start();
      await set.close();
    }
  });

  test("When a read's floor is past what the replica has replayed, then it goes to the primary", async () => {
    const set = startReplicaSet({
      urls: [pg.replicaUrl],
      primaryUrl: pg.primaryUrl,
      maxLagMs: 60_000,
      pollMs: 50,
    });
    try {
      await until("in rotation", () => set.replicas[0]!.state === "in rotation");
      const replayed = set.replicas[0]!.replayed!;
      expect(set.pick(replayed)).toBe(set.replicas[0]);
      expect(set.pick(replayed + 1n)).toBeNull();
    } finally {
      await set.close();
    }
  });
});
