import { afterEach, describe, expect, test } from "vitest";
import { httpAt } from "../../http";
import { redisReady, startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { serverTestEnv, TEST_REDIS_PREFIX } from "../../setup/testEnv";

// A freshly started instance meets traffic at once (a deploy, a restart under load). Its first
// concurrent requests once crashed it: a Redis script defined lazily, while an auto-pipeline
// was pending, left ioredis with a callback and no reply (src/cache/scripts.ts).
let server: AppServer | undefined;
afterEach(() => server?.stop());

describe("a freshly started instance under concurrent first requests", () => {
  for (const round of [1, 2, 3]) {
    test(`When 30 requests arrive together right after start (round ${round}), then all are answered and the process lives on`, async () => {
      server = await startApp({
        env: { ...serverTestEnv, REDIS_PREFIX: `${TEST_REDIS_PREFIX}cold-${round}:` },
      });
      // Ready (Redis connected) but not yet used: the moment a load balancer sends it traffic.
      await redisReady(server);
      const paths = ["/api/v1/posts", "/api/v1/posts?limit=1", "/api/v1/posts/1"];
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => httpAt(server!.url, "GET", paths[i % 3]!)),
      );
      expect(
        responses.every((response) => response.status === 200 || response.status === 404),
      ).toBe(true);
      expect((await httpAt(server.url, "GET", "/healthz")).status).toBe(200);
      expect(server.output()).not.toContain("uncaught exception");
    });
  }
});
