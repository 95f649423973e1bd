// The bench's floor for the signed-in write: bare Express and `pg` doing the app's work (the token
// checked, the user and session re-read, the post and its slug row written) and answering the
// same JSON. The reads' floor is readFloor.ts, which runs the app's own statements.
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

const app = express();
app.use(express.json());

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
