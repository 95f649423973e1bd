// The bench's database floor: bare Express and `pg`, doing the app's work for three routes with
// the SQL the app sends (captured from PostgreSQL's statement log) and answering the same JSON.
// What the app costs on top of this is what Wasp, Prisma, validation, logging and the
// middleware stack add; this is not an app (no validation, no errors in the API's shape).
// Env: PORT, DATABASE_URL, API_JWT_SECRET (the app's access-token secret).
const { randomBytes } = require("node:crypto");
const express = require("express");
const jwt = require("jsonwebtoken");
const pg = require("pg");

// Prisma stores DateTime as timestamp(3) in UTC; pg would read it as local time.
pg.types.setTypeParser(1114, (value) => new Date(`${value.replace(" ", "T")}Z`));
// The app's pool: @prisma/adapter-pg's pg.Pool with only a connection string, so pg's default.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const secret = process.env.API_JWT_SECRET;

const POST_COLUMNS = `"id", "slug", "title", "description", "content", "createdAt", "updatedAt",
  "hiddenAt", "hiddenReason", "favoritesCount", "authorId"`;
const AUTHOR_COLUMNS = `"id", "name", "username", "bio", "image", "bannedAt"`;

const list = (values, from = 1) => values.map((_, i) => `$${i + from}`).join(",");

// Authors and tags of `posts`, as Prisma loads a nested select: one query per relation.
async function relations(posts) {
  const postIds = posts.map((post) => post.id);
  const authorIds = [...new Set(posts.map((post) => post.authorId))];
  const [authors, links] = await Promise.all([
    pool.query(
      `SELECT ${AUTHOR_COLUMNS} FROM "User" WHERE "id" IN (${list(authorIds)}) OFFSET $${authorIds.length + 1}`,
      [...authorIds, 0],
    ),
    pool.query(
      `SELECT "postId", "tagId" FROM "PostTag" WHERE "postId" IN (${list(postIds)})
       ORDER BY "position" ASC OFFSET $${postIds.length + 1}`,
      [...postIds, 0],
    ),
  ]);
  const tagIds = links.rows.map((link) => link.tagId);
  const tags = tagIds.length
    ? await pool.query(
        `SELECT "id", "name" FROM "Tag" WHERE "id" IN (${list(tagIds)}) OFFSET $${tagIds.length + 1}`,
        [...tagIds, 0],
      )
    : { rows: [] };
  const authorById = new Map(authors.rows.map((author) => [author.id, author]));
  const tagName = new Map(tags.rows.map((tag) => [tag.id, tag.name]));
  const tagsOf = new Map(postIds.map((id) => [id, []]));
  for (const link of links.rows) tagsOf.get(link.postId).push(tagName.get(link.tagId));
  return posts.map((post) => view(post, authorById.get(post.authorId), tagsOf.get(post.id)));
}

// The app's PostView, field for field and in its order (the same bytes).
function view(post, author, tags) {
  return {
    id: post.id,
    slug: post.slug,
    title: post.title,
    description: post.description,
    content: post.content,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    hiddenAt: post.hiddenAt,
    hiddenReason: post.hiddenReason,
    favoritesCount: post.favoritesCount,
    tags,
    author: {
      id: author.id,
      name: author.name,
      username: author.username,
      bio: author.bio,
      image: author.image,
      following: false,
    },
    favorited: false,
  };
}

const cursorOf = (post) =>
  Buffer.from(`${post.createdAt.toISOString()}|${post.id}`).toString("base64url");

const app = express();
app.use(express.json());

// The feed's first page (20 posts and the one more that says whether a next page exists).
app.get("/api/v1/posts", async (req, res, next) => {
  try {
    const limit = 20;
    const { rows } = await pool.query(
      `SELECT ${POST_COLUMNS.replace(/"(\w+)"/g, '"Post"."$1"')} FROM "Post"
       LEFT JOIN "User" AS "j0" ON ("j0"."id") = ("Post"."authorId")
       WHERE ("Post"."hiddenAt" IS NULL AND ("j0"."bannedAt" IS NULL AND ("j0"."id" IS NOT NULL)))
       ORDER BY "Post"."createdAt" DESC, "Post"."id" DESC LIMIT $1 OFFSET $2`,
      [limit + 1, 0],
    );
    const items = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? cursorOf(items.at(-1)) : null;
    res.json({ items: items.length ? await relations(items) : [], nextCursor });
  } catch (error) {
    next(error);
  }
});

app.get("/api/v1/posts/:id", async (req, res, next) => {
  try {
    const { rows } = await pool.query(
      `SELECT ${POST_COLUMNS} FROM "Post" WHERE ("id" = $1 AND 1=1) LIMIT $2 OFFSET $3`,
      [Number(req.params.id), 1, 0],
    );
    if (!rows[0]) return res.status(404).json({ status: 404 });
    const [post] = await relations(rows);
    if (post.hiddenAt) return res.status(404).json({ status: 404 });
    res.json(post);
  } catch (error) {
    next(error);
  }
});

// A write as a signed-in API client makes it: the access token checked as the app checks it
// (HS256 pinned, issuer, audience, type), the user and the token's session re-read (a ban or a
// logout ends a token at once), then the post and its slug row in one transaction.
app.post("/api/v1/posts", async (req, res, next) => {
  let claims;
  try {
    const token = (req.get("authorization") ?? "").replace(/^Bearer /i, "");
    const decoded = jwt.verify(token, secret, {
      algorithms: ["HS256"],
      issuer: "inkwell",
      audience: "inkwell-api",
      complete: true,
    });
    if (decoded.header.typ !== "at+jwt") throw new Error("not an access token");
    claims = decoded.payload;
  } catch {
    return res.status(401).json({ status: 401 });
  }
  const client = await pool.connect();
  try {
    const userId = Number(claims.sub);
    const { rows: users } = await client.query(
      `SELECT ${AUTHOR_COLUMNS}, "role"::text FROM "User" WHERE "id" = $1 LIMIT 1`,
      [userId],
    );
    const { rows: sessions } = await client.query(
      `SELECT "id" FROM "RefreshToken" WHERE "familyId" = $1 AND "revokedAt" IS NULL AND "userId" = $2
       ORDER BY "id" ASC LIMIT 1`,
      [claims.sid, userId],
    );
    const user = users[0];
    if (!user || user.bannedAt || !sessions[0]) return res.status(401).json({ status: 401 });
    const { title, content, description = "" } = req.body;
    const slug = `benchmark-post-${randomBytes(8).toString("hex")}`;
    const now = new Date();
    await client.query("BEGIN");
    const { rows } = await client.query(
      `INSERT INTO "Post" ("slug", "title", "description", "content", "authorId", "createdAt", "updatedAt", "favoritesCount")
       VALUES ($1, $2, $3, $4, $5, $6, $6, 0) RETURNING ${POST_COLUMNS}`,
      [slug, title, description, content, user.id, now],
    );
    await client.query(
      `INSERT INTO "PostSlug" ("slug", "postId", "createdAt") VALUES ($1, $2, $3)`,
      [slug, rows[0].id, now],
    );
    await client.query("COMMIT");
    res
      .status(201)
      .location(`/api/v1/posts/${rows[0].id}`)
      .json(view(rows[0], user, []));
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    next(error);
  } finally {
    client.release();
  }
});

app.listen(Number(process.env.PORT), () => console.log("ready"));
