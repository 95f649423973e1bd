import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listComments } from "../../src/comments/comments.service";
import { listCommentsForModeration } from "../../src/moderation/commentModeration.service";
import { getPostBySlug, listFeedJson, listFollowingFeed } from "../../src/posts/posts.service";
import { searchPosts } from "../../src/posts/search.service";
import { TEST_DATABASE_URL } from "../setup/testEnv";
import { asViewer, postRow, userRow } from "../factories";

// Every query the platform's lists make, planned by PostgreSQL over a seeded data set: none may
// read a whole large table. The statements are the ones Prisma really sends (captured from its
// query log); the data they are planned against is seeded in a transaction that is rolled back,
// so no other test ever sees it.

type Captured = { query: string; params: string };
const captured: Captured[] = [];
const db = new PrismaClient({
  adapter: new PrismaPg({ connectionString: TEST_DATABASE_URL }),
  log: [{ emit: "event", level: "query" }],
});
db.$on("query", (event) => captured.push({ query: event.query, params: event.params }));

const planner = new pg.Client({ connectionString: TEST_DATABASE_URL });
const LARGE: string[] = [
  "Post",
  "PostTag",
  "PostSlug",
  "Favorite",
  "Follow",
  "Comment",
  "User",
  "Tag",
];

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Join Filter"?: number;
  Plans?: PlanNode[];
};

/** Every node of a plan, depth first. */
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * Runs `work`, then runs each SELECT it sent again under EXPLAIN ANALYZE (in the seeded
 * transaction) and reports what it read beyond what it returned: full scans of large tables,
 * and rows an index walk fetched only to throw away (an index scan with a filter can read a
 * whole table as surely as a sequential scan).
 */
async function plansOf(work: () => Promise<unknown>) {
  captured.length = 0;
  await work();
  const plans = [];
  for (const { query, params } of captured.filter((entry) => /^\s*SELECT/i.test(entry.query))) {
    const values = JSON.parse(params) as unknown[];
    const { rows } = await planner.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${query}`,
      values,
    );
    const nodes = nodesOf(rows[0]!["QUERY PLAN"][0].Plan);
    const seqScans = nodes
      .filter((node) => node["Node Type"] === "Seq Scan" && LARGE.includes(node["Relation Name"]!))
      .map((node) => node["Relation Name"]);
    const discarded = nodes.reduce(
      (sum, node) =>
        sum +
        ((node["Rows Removed by Filter"] ?? 0) + (node["Rows Removed by Join Filter"] ?? 0)) *
          (node["Actual Loops"] ?? 1),
      0,
    );
    plans.push({ query, plan: JSON.stringify(rows[0]), seqScans, discarded });
  }
  return plans;
}

/** A page of 20 may look at a few pages' worth of rows, never at a table's worth. */
const DISCARD_MAX = 1000;

const expectIndexed = (plans: Awaited<ReturnType<typeof plansOf>>) => {
  expect(plans.length).toBeGreaterThan(0);
  for (const { query, plan, seqScans, discarded } of plans) {
    expect({ seqScans, discarded: discarded > DISCARD_MAX }, `${query}\n${plan}`).toEqual({
      seqScans: [],
      discarded: false,
    });
  }
};

let reader: Awaited<ReturnType<typeof userRow>>;
let author: Awaited<ReturnType<typeof userRow>>;
let post: Awaited<ReturnType<typeof postRow>>;

beforeAll(async () => {
  // A few committed rows, so that every code path runs (a page with items gets its flags).
  author = await userRow({ name: "Planned Author" });
  reader = await userRow({ name: "Planned Reader" });
  post = await postRow(author.id);
  await db.tag.upsert({ where: { name: "planned" }, create: { name: "planned" }, update: {} });
  const tag = await db.tag.findUniqueOrThrow({ where: { name: "planned" } });
  await db.postTag.create({ data: { postId: post.id, tagId: tag.id, position: 0 } });
  await db.favorite.create({ data: { userId: reader.id, postId: post.id } });
  await db.follow.create({ data: { followerId: reader.id, followedId: author.id } });
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Planned" } });

  // The seed: 20,000 users, 200,000 posts with a tag each of 5,000, 100,000 favourites, 50,000
  // follows and 100,000 comments, visible to the planner's connection only.
  await planner.connect();
  await planner.query("BEGIN");
  await planner.query(`
    INSERT INTO "User" (email, name, username, "updatedAt")
      SELECT 'plan' || i || '@plan.inkwell', 'Plan ' || i, 'plan_' || i, now()
      FROM generate_series(1, 20000) i;
    INSERT INTO "Post" (slug, title, content, "authorId", "createdAt", "updatedAt")
      SELECT 'plan-' || i, 'Plan ' || i, 'x', a.id, now() - (i || ' s')::interval, now()
      FROM generate_series(1, 200000) i
      JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "User"
            WHERE username LIKE 'plan_%') a ON a.n = i % 20000;
    INSERT INTO "PostSlug" (slug, "postId") SELECT slug, id FROM "Post" WHERE slug LIKE 'plan-%';
    INSERT INTO "Tag" (name) SELECT 'plan-tag-' || i FROM generate_series(1, 5000) i;
    INSERT INTO "PostTag" ("postId", "tagId", position)
      SELECT p.id, t.id, 0 FROM "Post" p JOIN "Tag" t ON t.name = 'plan-tag-' || (1 + p.id % 5000)
      WHERE p.slug LIKE 'plan-%';
    INSERT INTO "Favorite" ("userId", "postId")
      SELECT u.id, p.id FROM "User" u JOIN "Post" p ON p.id % 20000 = u.id % 20000 AND p.id % 2 = 0
      WHERE u.username LIKE 'plan_%' ON CONFLICT DO NOTHING;
    INSERT INTO "Follow" ("followerId", "followedId")
      SELECT u.id, v.id FROM "User" u JOIN "User" v ON v.id = u.id + 1 OR v.id = u.id + 7
      WHERE u.username LIKE 'plan_%' AND v.username LIKE 'plan_%';
    INSERT INTO "Comment" ("postId", "authorId", body, "updatedAt")
      SELECT p.id, p."authorId", 'c', now() FROM "Post" p WHERE p.slug LIKE 'plan-%' AND p.id % 2 = 1;
    ANALYZE "User", "Post", "PostSlug", "Tag", "PostTag", "Favorite", "Follow", "Comment";
  `);
}, 120_000);

afterAll(async () => {
  await planner.query("ROLLBACK").catch(() => {});
  await planner.end();
  await db.$disconnect();
});

describe("query plans over 200,000 posts", () => {
  test("When a query filters on a column no index covers, then the check sees the full scan", async () => {
    const plans = await plansOf(() =>
      db.comment.findMany({ where: { body: "no such body" }, take: 1 }),
    );
    const [plan] = plans;
    expect(plan!.seqScans.length > 0 || plan!.discarded > DISCARD_MAX).toBe(true);
  });

  test("When the feed is filtered by tag, then its queries start from indexes", async () => {
    expectIndexed(await plansOf(() => listFeedJson(null, { tag: "planned" }, { db })));
  });

  test("When the feed is filtered by who favourited, then its queries start from indexes", async () => {
    expectIndexed(
      await plansOf(() => listFeedJson(null, { favoritedBy: reader.username }, { db })),
    );
  });

  test("When the feed is filtered by author handle, then its queries start from indexes", async () => {
    expectIndexed(await plansOf(() => listFeedJson(null, { author: author.username }, { db })));
  });

  test("When a signed-in reader opens the public feed, then the page and their flags use indexes", async () => {
    expectIndexed(await plansOf(() => listFeedJson(asViewer(reader), {}, { db })));
  });

  test("When a reader opens their following feed, then its queries start from indexes", async () => {
    expectIndexed(await plansOf(() => listFollowingFeed(asViewer(reader), {}, { db })));
  });

  test("When a post's comments are listed, then their query starts from an index", async () => {
    expectIndexed(await plansOf(() => listComments(null, post.id, {}, { db })));
  });

  test("When an admin lists comments, all or hidden only, then the queries start from indexes", async () => {
    const admin = asViewer(await userRow({ role: "ADMIN" }));
    expectIndexed(await plansOf(() => listCommentsForModeration(admin, {}, { db })));
    expectIndexed(
      await plansOf(() => listCommentsForModeration(admin, { hiddenOnly: true }, { db })),
    );
  });

  test("When a post is opened by its slug, then the lookup uses the slug key", async () => {
    expectIndexed(await plansOf(() => getPostBySlug(asViewer(reader), post.slug, { db })));
  });

  test("When posts are searched, then the match comes from the GIN index on the search vector", async () => {
    const plans = await plansOf(() => searchPosts(asViewer(reader), { q: post.title }, { db }));
    expectIndexed(plans);
    // More than the ranking query ran: the post was found, and its row and flags loaded.
    expect(plans.length).toBeGreaterThan(1);
    expect(plans[0]!.plan).toContain('"Index Name":"Post_search_idx"');
  });
});
