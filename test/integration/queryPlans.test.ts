import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listAudit } from "../../src/audit/audit.service";
import { listComments } from "../../src/comments/comments.service";
import { listCommentsForModeration } from "../../src/moderation/commentModeration.service";
import { searchPosts as moderationPosts } from "../../src/moderation/moderation.service";
import { listOpenReports } from "../../src/moderation/reports.service";
import { getPostBySlug, listFeedJson, listFollowingFeed } from "../../src/posts/posts.service";
import { searchPosts } from "../../src/posts/search.service";
import { encodeCursor } from "../../src/shared/cursor";
import { listUsers } from "../../src/users/users.service";
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
  "Report",
  "AuditLog",
];

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Cond"?: string;
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
    plans.push({ query, plan: JSON.stringify(rows[0]), nodes, seqScans, discarded });
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
    INSERT INTO "User" (email, name, username, "createdAt", "updatedAt")
      SELECT 'plan' || i || '@plan.inkwell', 'Plan ' || i, 'plan_' || i,
             now() - (i || ' min')::interval, now()
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
    INSERT INTO "Comment" ("postId", "authorId", body, "createdAt", "updatedAt")
      SELECT p.id, p."authorId", 'c', p."createdAt", now() FROM "Post" p WHERE p.slug LIKE 'plan-%' AND p.id % 2 = 1;
  `);
  // Long lists to page deep into, each through the committed rows the services can reach: the
  // committed author wrote every 10th post, every 4th carries the committed tag, the reader
  // favourited another 50,000, the committed post has 30,000 comments; 50,000 audit entries and
  // 20,000 reports, half of them resolved.
  await planner.query(`
    UPDATE "Post" SET "authorId" = ${author.id} WHERE slug LIKE 'plan-%' AND id % 10 = 0;
    INSERT INTO "PostTag" ("postId", "tagId", position)
      SELECT id, ${tag.id}, 1 FROM "Post" WHERE slug LIKE 'plan-%' AND id % 4 = 0;
    INSERT INTO "Favorite" ("userId", "postId")
      SELECT ${reader.id}, id FROM "Post" WHERE slug LIKE 'plan-%' AND id % 4 = 1;
    INSERT INTO "Comment" ("postId", "authorId", body, "createdAt", "updatedAt")
      SELECT ${post.id}, ${reader.id}, 'deep', now() - (i || ' s')::interval, now()
      FROM generate_series(1, 30000) i;
    INSERT INTO "AuditLog" (action, "actorId", "targetType", "targetId", "createdAt")
      SELECT (ARRAY['post.hide', 'user.ban', 'auth.login_failed'])[1 + i % 3],
             CASE WHEN i % 10 = 0 THEN ${reader.id} END, 'post', (i % 1000)::text,
             now() - (i || ' s')::interval
      FROM generate_series(1, 50000) i;
    INSERT INTO "Report" ("postId", "reporterId", reason, "createdAt", "resolvedAt")
      SELECT id, "authorId", 'spam', "createdAt", CASE WHEN id % 20 = 0 THEN now() END
      FROM "Post" WHERE slug LIKE 'plan-%' AND id % 10 = 0;
    ANALYZE "User", "Post", "PostSlug", "Tag", "PostTag", "Favorite", "Follow", "Comment",
      "AuditLog", "Report";
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
    const search = () => searchPosts(asViewer(reader), { q: post.title }, { db });
    const plans = await plansOf(search);
    expectIndexed(plans);
    // One statement ranks, loads the rows and reads the reader's flags, and it finds the post.
    expect(plans).toHaveLength(1);
    expect(plans[0]!.plan).toContain('"Index Name":"Post_search_idx"');
    expect((await search()).items.map((found) => found.id)).toContain(post.id);
  });
});

/**
 * The cursor of the row `depth` rows into a list of the seeded data, as a page would hand it
 * out. Read as UTC: the column has no time zone, and the cursor's time is Prisma's (UTC).
 */
async function cursorAt(table: string, depth: number, where = "TRUE", order = "DESC") {
  const { rows } = await planner.query<{ createdAt: Date; id: number }>(
    `SELECT "createdAt" AT TIME ZONE 'UTC' AS "createdAt", id FROM "${table}" WHERE ${where}
     ORDER BY "createdAt" ${order}, id ${order} OFFSET ${depth} LIMIT 1`,
  );
  if (!rows[0]) throw new Error(`${table} has no row ${depth} deep`);
  return encodeCursor(rows[0]);
}

/**
 * A page that starts at its cursor discards only the rows that tie with the cursor and those
 * its filter leaves out on the way (another action's audit entries, another tag's posts): a
 * few pages' worth at most, never the depth's tens of thousands.
 */
const PAGE_DISCARD_MAX = 100;

/**
 * Whether a plan's index scan is bounded by the cursor: Prisma's lists send `createdAt <=` (or
 * `>=`), the hand-written feed statements a row comparison `("createdAt", id) < (c, i)`; either
 * shows as the Index Cond.
 */
const startsAtCursor = (nodes: PlanNode[]) =>
  nodes.some((node) =>
    /"createdAt" [<>]= |ROW\((?:\w+\.)?"createdAt", (?:\w+\.)?id\) [<>] /.test(
      node["Index Cond"] ?? "",
    ),
  );

const expectStartsAtCursor = (
  plans: Awaited<ReturnType<typeof plansOf>>,
  discardMax = PAGE_DISCARD_MAX,
) => {
  const paged = plans.filter((entry) => /ORDER BY .*"createdAt" (ASC|DESC)/.test(entry.query));
  expect(paged.length).toBeGreaterThan(0);
  for (const { query, plan, nodes, seqScans, discarded } of plans) {
    expect({ seqScans, discarded }, `${query}\n${plan}`).toEqual({
      seqScans: [],
      discarded: expect.toSatisfy((n: number) => n <= discardMax),
    });
    if (paged.some((entry) => entry.query === query)) {
      expect(startsAtCursor(nodes), `${query}\n${plan}`).toBe(true);
    }
  }
};

describe("deep pages start their index scan at the cursor", () => {
  test("When the cursor condition is the OR alone, then the check sees the scan walk from the first row", async () => {
    // The condition pageQuery sent before its `createdAt <=` bound: exact, but no index bound.
    const { createdAt, id } = await planner
      .query<{ createdAt: Date; id: number }>(
        `SELECT "createdAt" AT TIME ZONE 'UTC' AS "createdAt", id FROM "Post"
         ORDER BY "createdAt" DESC, id DESC OFFSET 150000 LIMIT 1`,
      )
      .then(({ rows }) => rows[0]!);
    const [plan] = await plansOf(() =>
      db.post.findMany({
        where: { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 21,
      }),
    );
    expect(plan!.discarded).toBeGreaterThan(100_000);
    expect(startsAtCursor(plan!.nodes)).toBe(false);
  });

  test("When the public feed is paged 150,000 posts deep, then the scan starts at the cursor", async () => {
    const cursor = await cursorAt("Post", 150_000, `"hiddenAt" IS NULL`);
    expectStartsAtCursor(await plansOf(() => listFeedJson(null, { cursor }, { db })));
  });

  test("When an author's feed is paged 15,000 of their 20,000 posts deep, by id or handle, then the scan starts at the cursor", async () => {
    const cursor = await cursorAt("Post", 15_000, `"authorId" = ${author.id}`);
    // This author wrote a tenth of all posts, so PostgreSQL may rightly walk the whole feed's
    // index from the cursor instead of the author's, passing ~9 other posts per one of theirs
    // (189 for a page, whatever the depth); the OR-only condition discarded 15,000+ here.
    const DENSE_AUTHOR_DISCARD_MAX = 250;
    expectStartsAtCursor(
      await plansOf(() => listFeedJson(null, { authorId: author.id, cursor }, { db })),
      DENSE_AUTHOR_DISCARD_MAX,
    );
    expectStartsAtCursor(
      await plansOf(() => listFeedJson(null, { author: author.username, cursor }, { db })),
      DENSE_AUTHOR_DISCARD_MAX,
    );
  });

  test("When the following feed is paged 15,000 posts deep, then the scan starts at the cursor", async () => {
    const cursor = await cursorAt("Post", 15_000, `"authorId" = ${author.id}`);
    expectStartsAtCursor(
      await plansOf(() => listFollowingFeed(asViewer(reader), { cursor }, { db })),
    );
  });

  test("When a tag's feed is paged 40,000 of its 50,000 posts deep, then the scan starts at the cursor", async () => {
    const cursor = await cursorAt("Post", 40_000, `id % 4 = 0 AND slug LIKE 'plan-%'`);
    expectStartsAtCursor(
      await plansOf(() => listFeedJson(null, { tag: "planned", cursor }, { db })),
    );
  });

  test("When a post's comments are paged 25,000 of 30,000 deep, oldest first, then the scan starts at the cursor", async () => {
    const cursor = await cursorAt("Comment", 25_000, `"postId" = ${post.id}`, "ASC");
    expectStartsAtCursor(await plansOf(() => listComments(null, post.id, { cursor }, { db })));
  });

  test("When an admin pages every comment 100,000 deep, then the scan starts at the cursor", async () => {
    const admin = asViewer(await userRow({ role: "ADMIN" }));
    const cursor = await cursorAt("Comment", 100_000);
    expectStartsAtCursor(await plansOf(() => listCommentsForModeration(admin, { cursor }, { db })));
  });

  test("When an admin pages all posts 150,000 deep, then the scan starts at the cursor and report counts are the page's", async () => {
    const admin = asViewer(await userRow({ role: "ADMIN" }));
    const cursor = await cursorAt("Post", 150_000);
    expectStartsAtCursor(await plansOf(() => moderationPosts(admin, { cursor }, { db })));
  });

  test("When an admin pages users 15,000 deep, then the scan starts at the cursor", async () => {
    const admin = asViewer(await userRow({ role: "ADMIN" }));
    const cursor = await cursorAt("User", 15_000);
    expectStartsAtCursor(await plansOf(() => listUsers(admin, { cursor }, { db })));
  });

  test("When an admin pages the audit trail deep, all or by action or by actor, then each scan starts at the cursor", async () => {
    const admin = asViewer(await userRow({ role: "ADMIN" }));
    const all = await cursorAt("AuditLog", 40_000);
    expectStartsAtCursor(await plansOf(() => listAudit(admin, { cursor: all }, { db })));
    const hides = await cursorAt("AuditLog", 15_000, `action = 'post.hide'`);
    expectStartsAtCursor(
      await plansOf(() => listAudit(admin, { action: "post.hide", cursor: hides }, { db })),
    );
    const own = await cursorAt("AuditLog", 4_000, `"actorId" = ${reader.id}`);
    expectStartsAtCursor(
      await plansOf(() => listAudit(admin, { actorId: reader.id, cursor: own }, { db })),
    );
  });

  test("When an admin pages the open reports 8,000 of 10,000 deep, then the scan starts at the cursor", async () => {
    const admin = asViewer(await userRow({ role: "ADMIN" }));
    const cursor = await cursorAt("Report", 8_000, `"resolvedAt" IS NULL`);
    expectStartsAtCursor(await plansOf(() => listOpenReports(admin, { cursor }, { db })));
  });
});
