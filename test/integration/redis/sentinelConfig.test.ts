import { afterEach, describe, expect, test } from "vitest";
import { redisTarget } from "../../../src/cache/redisTarget";
import { serverEnvSchema } from "../../../src/shared/env";
import {
  freePort,
  redisReady,
  startApp,
  type AppServer,
} from "../../../scripts/lib/app-process.mjs";
import {
  startSentinelSetup,
  waitFor,
  withRedis,
  type SentinelSetup,
} from "../../../scripts/lib/redis-sentinel.mjs";
import { apiUser } from "../../factories";
import { httpAt } from "../../http";
import { serverTestEnv, TEST_REDIS_PREFIX } from "../../setup/testEnv";

// REDIS_SENTINELS + REDIS_SENTINEL_NAME: validated at start with messages that say what to fix,
// and, when set, every Redis connection the server opens follows the master the sentinels name.

const errorsOf = (env: Record<string, string>) => {
  const result = serverEnvSchema.safeParse(env);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path[0], i.message]));
};

describe("Sentinel settings", () => {
  test("When REDIS_SENTINELS is set without REDIS_SENTINEL_NAME (or the reverse), then the start is refused, naming the missing one", () => {
    expect(errorsOf({ REDIS_SENTINELS: "s1:26379" }).REDIS_SENTINEL_NAME).toMatch(
      /REDIS_SENTINEL_NAME is required with REDIS_SENTINELS/,
    );
    expect(errorsOf({ REDIS_SENTINEL_NAME: "inkwell" }).REDIS_SENTINELS).toMatch(
      /REDIS_SENTINELS is required with REDIS_SENTINEL_NAME/,
    );
  });

  test("When an entry of REDIS_SENTINELS is not host:port, then the message quotes it", () => {
    for (const bad of ["s1", "s1:26379,", "s1:0", "s1:99999", "s1:26379,s2:x", "http://s1:26379"]) {
      const message = errorsOf({ REDIS_SENTINELS: bad, REDIS_SENTINEL_NAME: "inkwell" });
      expect(message.REDIS_SENTINELS, bad).toMatch(/is not host:port/);
    }
  });

  test("When the pair is valid, then connections go through the sentinels; with neither, REDIS_URL as before", () => {
    expect(
      errorsOf({
        REDIS_SENTINELS: "s1:26379, 10.0.0.2:26380,[::1]:26381",
        REDIS_SENTINEL_NAME: "m",
      }),
    ).toEqual({});
    const target = redisTarget({
      REDIS_SENTINELS: "s1:26379, 10.0.0.2:26380,[::1]:26381",
      REDIS_SENTINEL_NAME: "m",
      REDIS_URL: "redis://:secret@ignored:6379/2",
    });
    expect(target?.options.sentinels).toEqual([
      { host: "s1", port: 26379 },
      { host: "10.0.0.2", port: 26380 },
      { host: "::1", port: 26381 },
    ]);
    expect(target?.options.name).toBe("m");
    expect(target?.url).toBe("redis://:secret@ignored:6379/2"); // its password and db still apply
    expect(redisTarget({ REDIS_URL: "redis://r:6379" })).toEqual({
      url: "redis://r:6379",
      options: {},
    });
    expect(redisTarget({})).toBeNull();
    // Docker Compose passes unset variables as "" (docker-compose.yml): still unset.
    expect(errorsOf({ REDIS_SENTINELS: "", REDIS_SENTINEL_NAME: "" })).toEqual({});
    expect(
      redisTarget({ REDIS_URL: "redis://r:6379", REDIS_SENTINELS: "", REDIS_SENTINEL_NAME: "" })
        ?.options,
    ).toEqual({});
  });
});

let server: AppServer | undefined;
let setup: SentinelSetup | undefined;
afterEach(async () => {
  await server?.stop();
  await setup?.stop();
  server = setup = undefined;
});

async function ports() {
  const base = Number(process.env.SENTINEL_TEST_PORT_BASE ?? 0);
  const app = Number(process.env.SENTINEL_TEST_APP_PORT ?? 0) || (await freePort());
  if (base) return { master: base + 3, replica: base + 4, sentinel: base + 20_001, app };
  const [master, replica, sentinel] = await Promise.all([1, 2, 3].map(freePort));
  return { master: master!, replica: replica!, sentinel: sentinel!, app };
}

describe("a server configured with sentinels", () => {
  test("When it runs with REDIS_SENTINELS only, then the cache, the rate limits and the invalidation channel live on the master, and move with it on a failover", async () => {
    const port = await ports();
    setup = await startSentinelSetup({
      masterPort: port.master,
      replicaPorts: [port.replica],
      sentinelPorts: [port.sentinel],
    });
    const prefix = `${TEST_REDIS_PREFIX}sentinel-app:${Date.now()}:`;
    server = await startApp({
      port: port.app,
      env: {
        ...serverTestEnv,
        REDIS_URL: undefined,
        REDIS_SENTINELS: setup.sentinels,
        REDIS_SENTINEL_NAME: setup.name,
        REDIS_PREFIX: prefix,
      },
    });
    await redisReady(server);
    // A write and a read as a fresh user (its rate-limit keys are new), then what Redis holds.
    const onMaster = async (masterPort: number) => {
      const author = await apiUser("sentinel");
      const write = await httpAt(server!.url, "POST", "/api/v1/posts", {
        token: author.accessToken,
        body: { title: `on ${masterPort}`, content: "c" },
      });
      expect(write.status).toBe(201);
      const feed = await httpAt(server!.url, "GET", `/api/v1/posts?authorId=${author.id}`);
      expect(feed.body.items[0].title).toBe(`on ${masterPort}`);
      return withRedis(masterPort, async (redis) => ({
        pages: (await redis.keys(`${prefix}feed:page:*`)).length,
        limits: await redis.keys(`${prefix}rl:*`),
        subscribers: (
          (await redis.call("PUBSUB", "NUMSUB", `${prefix}feed:changed`)) as [string, number]
        )[1],
      }));
    };
    const before = await onMaster(port.master);
    expect(before.subscribers).toBe(1);
    expect(before.pages).toBeGreaterThan(0);
    expect(before.limits.length).toBeGreaterThan(0);

    // A planned failover (the old master lives on as a replica): Sentinel kills its clients.
    await withRedis(port.sentinel, (c) => c.call("SENTINEL", "FAILOVER", setup!.name));
    await waitFor("the promotion", async () => (await setup!.masterPort()) === port.replica);
    // The replica holds copies of what the master had: only what is new proves the move.
    const after = await waitFor("pages, limits and the channel on the new master", async () => {
      const now = await onMaster(port.replica);
      const newLimits = now.limits.filter((key) => !before.limits.includes(key));
      return now.pages > before.pages && newLimits.length > 0 && now.subscribers === 1;
    });
    expect(after).toBe(true);
  }, 60_000);
});
