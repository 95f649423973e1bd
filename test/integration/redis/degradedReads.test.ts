import { Redis } from "ioredis";
import { prisma } from "wasp/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { redisFeedCache, type FeedCache } from "../../../src/cache/feedCache";
import { postRow, userRow } from "../../factories";
import { freePort } from "../../../scripts/lib/app-process.mjs";

// With Redis unreachable there is no version to tell an old query from a new one, so uncached
// reads must not share a database query that started before them: it may predate a write that
// another instance acknowledged in the meantime. A burst of reads that all arrived before a
// query began may still share it.

let client: Redis;
let cache: FeedCache;
beforeAll(async () => {
  // A port nothing listens on: every command fails at once (no offline queue), as in an outage.
  client = new Redis(`redis://127.0.0.1:${await freePort()}`, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => 1000,
  });
  client.on("error", () => {});
  cache = redisFeedCache(client, "degraded-test:");
});
afterAll(() => client?.disconnect());

/** An author's titles, read by one slow statement: its snapshot is taken when it starts. */
const slowTitles = (authorId: number) => async () => {
  const [row] = await prisma.$queryRaw<{ titles: string[] | null }[]>`
    SELECT (SELECT json_agg(title ORDER BY id) FROM "Post" WHERE "authorId" = ${authorId}) AS titles
    FROM pg_sleep(0.3)`;
  return JSON.stringify(row?.titles ?? []);
};
const titlesOf = (page: { body: Buffer }) => JSON.parse(page.body.toString()) as string[];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("uncached reads while Redis is unreachable", () => {
  test("When a read starts after a write committed, then it never gets the answer of a query that began before the write", async () => {
    const author = await userRow();
    const key = `author:${author.id}`;
    const early = cache.page(key, slowTitles(author.id));
    await pause(100); // its query is running, on a snapshot from before the write
    await postRow(author.id, { title: "written meanwhile" }); // committed, acknowledged
    const late = cache.page(key, slowTitles(author.id));
    expect(titlesOf(await early)).toEqual([]);
    expect(titlesOf(await late)).toEqual(["written meanwhile"]);
  });

  test("When reads arrive together, then they share one query that started after all of them", async () => {
    const author = await userRow();
    await postRow(author.id, { title: "already there" });
    let queries = 0;
    const load = slowTitles(author.id);
    const counted = () => {
      queries++;
      return load();
    };
    const pages = await Promise.all(
      Array.from({ length: 10 }, () => cache.page(`author:${author.id}`, counted)),
    );
    // The first starts at once; the nine that arrived while it ran share the next one.
    expect(queries).toBe(2);
    expect(pages.map(titlesOf)).toEqual(Array(10).fill(["already there"]));
  });
});
