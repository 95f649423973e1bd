import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startRedisServer } from "../../../scripts/lib/redis.mjs";
import { apiUser } from "../../factories";
import { httpAt } from "../../http";
import { freePort, startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { serverTestEnv } from "../../setup/testEnv";

// A Redis of this test's own, stopped, paused and restarted under a running app.
let redisPort: number;
let redisServer: Awaited<ReturnType<typeof startRedisServer>>;
// Readable by the redis user when run as root; the dump survives restarts like production's.
const redisDir = mkdtempSync(join(tmpdir(), "inkwell-redis-"));
let app: AppServer;

beforeAll(async () => {
  redisPort = await freePort();
  redisServer = await startRedisServer(redisPort, { dir: redisDir });
  app = await startApp({ env: { ...serverTestEnv, REDIS_URL: redisServer.url } });
});
afterAll(async () => {
  await app?.stop();
  await redisServer?.stop();
});

async function timed<T>(work: () => Promise<T>) {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

const titles = (body: { items: { title: string }[] }) => body.items.map((p) => p.title);

describe("when Redis fails", () => {
  test("When Redis stops, then feeds and writes keep working from PostgreSQL, and it all recovers", async () => {
    const author = await apiUser("outage");
    const feed = () => httpAt(app.url, "GET", `/api/v1/posts?authorId=${author.id}`);
    const post = (title: string) =>
      httpAt(app.url, "POST", "/api/v1/posts", {
        token: author.accessToken,
        body: { title, content: "c" },
      });
    expect((await post("before")).status).toBe(201);
    expect(titles((await feed()).body)).toEqual(["before"]); // now cached

    await redisServer.stop();
    for (let i = 0; i < 5; i++) {
      const { result, ms } = await timed(feed);
      expect(result.status).toBe(200);
      expect(ms).toBeLessThan(1000); // no hung requests waiting on Redis
    }
    // Still ready for the load balancer: Redis is reported degraded, not failed.
    const ready = await httpAt(app.url, "GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body.checks.redis.status).toBe("degraded");
    expect((await post("during")).status).toBe(201);
    expect(titles((await feed()).body)).toEqual(["during", "before"]);

    redisServer = await startRedisServer(redisPort, { dir: redisDir });
    await expect
      .poll(async () => app.output(), { timeout: 10_000 })
      .toMatch(/"msg":"redis ready"[\s\S]*"msg":"redis ready"/);
    expect((await post("after")).status).toBe(201);
    expect(titles((await feed()).body)).toEqual(["after", "during", "before"]);
    expect(titles((await feed()).body)).toEqual(["after", "during", "before"]);
  });

  test("When Redis restarts with its data after missing a write's invalidation, then no stale page is served", async () => {
    const author = await apiUser("restart");
    const feed = () => httpAt(app.url, "GET", `/api/v1/posts?authorId=${author.id}`);
    const post = (title: string) =>
      httpAt(app.url, "POST", "/api/v1/posts", {
        token: author.accessToken,
        body: { title, content: "c" },
      });
    await post("first");
    expect(titles((await feed()).body)).toEqual(["first"]); // cached under the current version

    // Redis snapshots its data (the cached page included) and goes away.
    const admin = new Redis(redisServer.url);
    await admin.call("SAVE");
    admin.disconnect();
    await redisServer.stop();
    expect((await post("second")).status).toBe(201); // its invalidation cannot reach Redis

    const ready = '"msg":"redis ready"';
    const readyBefore = app.output().split(ready).length;
    redisServer = await startRedisServer(redisPort, { dir: redisDir }); // the old page is back
    await expect
      .poll(() => app.output().split(ready).length, { timeout: 10_000 })
      .toBeGreaterThan(readyBefore);
    expect(titles((await feed()).body)).toEqual(["second", "first"]);
    expect(titles((await feed()).body)).toEqual(["second", "first"]);
  });

  // A write is acknowledged only once its invalidation has reached Redis (or every lease that
  // could predate it has lapsed), so it waits for a slow Redis, within FEED_INVALIDATION_TIMEOUT_MS
  // (3 s); reads do not wait: they serve from PostgreSQL after REDIS_COMMAND_TIMEOUT_MS.
  test("When Redis is slow, then a write waits for its invalidation within the bound, reads answer quickly, and both are correct", async () => {
    const author = await apiUser("paused");
    const feed = () => httpAt(app.url, "GET", `/api/v1/posts?authorId=${author.id}`);
    const admin = new Redis(redisServer.url);
    await admin.call("CLIENT", "PAUSE", "1500", "ALL"); // every command waits 1.5 s
    const write = await timed(() =>
      httpAt(app.url, "POST", "/api/v1/posts", {
        token: author.accessToken,
        body: { title: "while slow", content: "c" },
      }),
    );
    expect(write.result.status).toBe(201);
    expect(write.ms).toBeLessThan(3000);
    const read = await timed(feed);
    expect(titles(read.result.body)).toEqual(["while slow"]);
    expect(read.ms).toBeLessThan(1000);
    admin.disconnect();
  });
});
