import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TEST_DATABASE_URL } from "../setup/testEnv";

// Guards the offline migration path (tools/prisma): Prisma's wasm schema engine with the patched
// pg adapter. A Prisma upgrade that breaks those patches fails here, loudly.
const run = promisify(execFile);
const scratchName = `inkwell_migrations_${process.pid}`;
const scratchUrl = (() => {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${scratchName}`;
  return url.toString();
})();
const prisma = (...args: string[]) =>
  run("npx", ["prisma", ...args], { env: { ...process.env, DATABASE_URL: scratchUrl } });

async function onMaintenanceDb(sql: string) {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const committedMigrations = readdirSync("migrations", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe("migrations", () => {
  beforeAll(async () => {
    await onMaintenanceDb(`DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`);
    await onMaintenanceDb(`CREATE DATABASE "${scratchName}"`);
  });
  afterAll(() => onMaintenanceDb(`DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`));

  test("When migrate deploy runs on an empty database, then every committed migration is recorded as applied", async () => {
    await prisma("migrate", "deploy");
    const client = new pg.Client({ connectionString: scratchUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
      );
      expect(rows.map((row) => row.migration_name)).toEqual(committedMigrations);
    } finally {
      await client.end();
    }
    const status = await prisma("migrate", "status");
    expect(status.stdout).toContain("Database schema is up to date");
  }, 120_000);

  test("When the schema is compared with the committed migrations, then there is no drift", async () => {
    // Exit code 2 means a difference: a schema.prisma change without its migration.
    const diff = await prisma(
      "migrate",
      "diff",
      "--from-migrations",
      "migrations",
      "--to-schema-datamodel",
      ".wasp/out/db/schema.prisma",
      "--exit-code",
    ).catch((error: { code?: number; stdout?: string }) => error);
    expect("code" in diff ? diff.code : 0, "schema.prisma has changes with no migration").toBe(0);
  }, 120_000);
});

describe("the platform migration on a database with data", () => {
  const legacyName = `inkwell_legacy_${process.pid}`;
  const legacyUrl = (() => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${legacyName}`;
    return url.toString();
  })();
  const PLATFORM = "20261202100000_platform_domain";
  const sqlOf = (name: string) => readFileSync(`migrations/${name}/migration.sql`, "utf8");

  beforeAll(async () => {
    await onMaintenanceDb(`DROP DATABASE IF EXISTS "${legacyName}" WITH (FORCE)`);
    await onMaintenanceDb(`CREATE DATABASE "${legacyName}"`);
  });
  afterAll(() => onMaintenanceDb(`DROP DATABASE IF EXISTS "${legacyName}" WITH (FORCE)`));

  test("When users and posts exist from before handles and slugs, then each gets a unique handle and slug and nothing is lost", async () => {
    const client = new pg.Client({ connectionString: legacyUrl });
    await client.connect();
    try {
      for (const name of committedMigrations.filter((migration) => migration < PLATFORM)) {
        await client.query(sqlOf(name));
      }
      await client.query(`
        INSERT INTO "User" (email, name, "updatedAt") VALUES
          ('zoe1@legacy', 'Zoë Smith', now()), ('zoe2@legacy', 'Zoë Smith', now()),
          ('zoe3@legacy', 'ZOË SMITH', now()), ('x@legacy', 'X', now()),
          ('long@legacy', '${"Very long name ".repeat(5)}', now()), ('emoji@legacy', '✍️✍️', now());
        INSERT INTO "Post" (title, content, "authorId", "updatedAt")
          SELECT t, 'Body', (SELECT min(id) FROM "User"), now()
          FROM unnest(ARRAY['Hello, World!', 'Hello, World!', '¿Qué tal?', '!!!']) t;`);
      await client.query(sqlOf(PLATFORM));

      const users = await client.query<{ name: string; username: string }>(
        `SELECT name, username::text FROM "User" ORDER BY id`,
      );
      expect(users.rows.map((row) => row.username)).toEqual([
        "zo_smith",
        "zo_smith_2",
        "zo_smith_3",
        "user_4",
        "very_long_name_very_long_nam",
        "user_6",
      ]);
      for (const { username } of users.rows) expect(username).toMatch(/^[a-z0-9_]{3,32}$/);

      const posts = await client.query<{ id: number; slug: string; title: string }>(
        `SELECT p.id, p.slug, p.title FROM "Post" p ORDER BY id`,
      );
      const slugs = posts.rows.map((row) => row.slug);
      expect(new Set(slugs).size).toBe(4);
      expect(slugs[0]).toMatch(/^hello-world-\d+$/);
      expect(slugs[2]).toMatch(/^qu-tal-\d+$/);
      expect(slugs[3]).toMatch(/^post-\d+$/);
      // Every post's slug is also its first entry in the slug history.
      const history = await client.query(`SELECT slug, "postId" FROM "PostSlug" ORDER BY "postId"`);
      expect(history.rows).toEqual(posts.rows.map((row) => ({ slug: row.slug, postId: row.id })));
      // Titles, contents and authors are as they were.
      expect(posts.rows.map((row) => row.title)).toEqual([
        "Hello, World!",
        "Hello, World!",
        "¿Qué tal?",
        "!!!",
      ]);
    } finally {
      await client.end();
    }
  }, 120_000);
});
