import { Redis } from "ioredis";
import { prisma } from "wasp/server";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { redisFeedCache } from "../../../src/cache/feedCache";
import { apiUser, postRow } from "../../factories";
import { httpAt } from "../../http";
import { startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { serverTestEnv, TEST_REDIS_PREFIX, TEST_REDIS_URL } from "../../setup/testEnv";

// Two app instances share PostgreSQL and Redis, as behind the load balancer.
let second: AppServer;
const first = () => inject("serverUrl");
beforeAll(async () => {
  second = await startApp({ env: serverTestEnv });
});
afterAll(() => second?.stop());

const feedTitles = async (baseUrl: string, authorId: number) => {
  const response = await httpAt(baseUrl, "GET", `/api/v1/posts?authorId=${authorId}`);
  expect(response.status).toBe(200);
  return response.body.items.map((p: { title: string }) => p.title);
};

describe("feed cache across instances", () => {
  test("When a write goes to one instance, then the very next read on the other reflects it", async () => {
    const author = await apiUser("raw");
    // Warm the cache on the first instance.
    expect(await feedTitles(first(), author.id)).toEqual([]);
    expect(await feedTitles(first(), author.id)).toEqual([]);

    const created = await httpAt(second.url, "POST", "/api/v1/posts", {
      token: author.accessToken,
      body: { title: "one", content: "c" },
    });
    expect(await feedTitles(first(), author.id)).toEqual(["one"]);

    await httpAt(second.url, "PUT", `/api/v1/posts/${created.body.id}`, {
      token: author.accessToken,
      body: { title: "one, edited" },
    });
    expect(await feedTitles(first(), author.id)).toEqual(["one, edited"]);

    await httpAt(second.url, "PUT", `/api/v1/users/${author.id}`, {
      token: author.accessToken,
      body: { name: "Renamed" },
    });
    const page = await httpAt(first(), "GET", `/api/v1/posts?authorId=${author.id}`);
    expect(page.body.items[0].author.name).toBe("Renamed");

    await httpAt(second.url, "DELETE", `/api/v1/posts/${created.body.id}`, {
      token: author.accessToken,
    });
    expect(await feedTitles(first(), author.id)).toEqual([]);
  });

  test("When the feed has not changed, then If-None-Match gets 304; after a write, 200 with a new ETag", async () => {
    const author = await apiUser("etag");
    await postRow(author.id);
    const path = `/api/v1/posts?authorId=${author.id}`;
    const fresh = await httpAt(first(), "GET", path);
    const etag = fresh.headers.get("etag")!;
    expect(etag).toMatch(/^"/);
    const again = await httpAt(second.url, "GET", path, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    await httpAt(first(), "POST", "/api/v1/posts", {
      token: author.accessToken,
      body: { title: "new", content: "c" },
    });
    const changed = await httpAt(second.url, "GET", path, { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  test("When a single post is read twice unchanged, then the second conditional read is 304", async () => {
    const author = await apiUser("etag-one");
    const post = await postRow(author.id);
    const read = await httpAt(first(), "GET", `/api/v1/posts/${post.id}`);
    const again = await httpAt(first(), "GET", `/api/v1/posts/${post.id}`, {
      headers: { "if-none-match": read.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
  });
});

describe("stampede protection", () => {
  test("When 50 requests on two instances miss the same key at once, then the database is queried once", async () => {
    const clients = [new Redis(TEST_REDIS_URL), new Redis(TEST_REDIS_URL)];
    const prefix = `${TEST_REDIS_PREFIX}stampede:${Date.now()}:`;
    const caches = clients.map((client) => redisFeedCache(client, prefix));
    let queries = 0;
    const load = async () => {
      queries++;
      // A slow real query, so the concurrent misses overlap it.
      await prisma.$queryRaw`SELECT pg_sleep(0.2)::text`;
      return JSON.stringify(await prisma.post.findMany({ take: 5, orderBy: { id: "desc" } }));
    };
    try {
      const pages = await Promise.all(
        Array.from({ length: 50 }, (_, i) => caches[i % 2]!.page("all:20", load)),
      );
      expect(queries).toBe(1);
      expect(new Set(pages.map((p) => p.etag)).size).toBe(1);
    } finally {
      clients.forEach((client) => client.disconnect());
    }
  });
});
