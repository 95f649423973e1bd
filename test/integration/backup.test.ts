import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TEST_DATABASE_URL } from "../setup/testEnv";

// scripts/backup and scripts/restore against a real PostgreSQL, on a scratch database of their
// own (migrated, seeded, dropped and restored here), so the shared test database is untouched.
const exec = promisify(execFile);
const withDb = (name: string) => {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
};
const SCRATCH = `inkwell_backup_${process.pid}`;
const scratchUrl = withDb(SCRATCH);
const backupDir = mkdtempSync(join(tmpdir(), "inkwell-backup-"));

async function sql<T extends pg.QueryResultRow>(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

function script(name: "backup" | "restore", args: string[] = [], env: Record<string, string> = {}) {
  return exec(`scripts/${name}`, args, {
    env: { ...process.env, DATABASE_URL: scratchUrl, BACKUP_DIR: backupDir, ...env },
  });
}

async function snapshot() {
  const [row] = await sql<{ users: string; posts: string; checksum: string }>(
    scratchUrl,
    `SELECT (SELECT count(*) FROM "User") AS users, (SELECT count(*) FROM "Post") AS posts,
            (SELECT md5(string_agg(id || ':' || title || ':' || content, '|' ORDER BY id))
             FROM "Post") AS checksum`,
  );
  return row;
}

const dumps = () =>
  readdirSync(backupDir)
    .filter((name) => name.endsWith(".dump"))
    .sort();

beforeAll(async () => {
  await sql(withDb("postgres"), `DROP DATABASE IF EXISTS "${SCRATCH}" WITH (FORCE)`);
  await sql(withDb("postgres"), `CREATE DATABASE "${SCRATCH}"`);
  await exec("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: scratchUrl },
  });
  await sql(
    scratchUrl,
    `INSERT INTO "User" (email, name, username, "updatedAt")
     SELECT 'backup' || i || '@test.inkwell', 'Writer ' || i, 'writer_' || i, now()
     FROM generate_series(1, 40) i;
     INSERT INTO "Post" (slug, title, content, "authorId", "updatedAt")
     SELECT 'post-' || i, 'Post ' || i, E'Line one; \\'quoted\\'\\nzweite Zeile — ünïcode ' || i,
            (SELECT min(id) FROM "User") + i % 40, now()
     FROM generate_series(1, 300) i;`,
  );
}, 60_000);

afterAll(async () => {
  await sql(withDb("postgres"), `DROP DATABASE IF EXISTS "${SCRATCH}" WITH (FORCE)`);
  rmSync(backupDir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  test("When the database is dropped after a backup, then restore recreates it with the same rows and posts", async () => {
    const before = await snapshot();
    expect(before).toMatchObject({ users: "40", posts: "300" });
    await script("backup");
    // A change after the backup must not survive the restore.
    await sql(scratchUrl, `DELETE FROM "Post" WHERE id % 2 = 0`);
    await sql(withDb("postgres"), `DROP DATABASE "${SCRATCH}" WITH (FORCE)`);

    const { stdout } = await script("restore", ["latest", "--yes"]);
    expect(stdout).toContain(`created the database ${SCRATCH}`);
    expect(stdout).toMatch(/Post\s+300/);
    expect(await snapshot()).toEqual(before);
  }, 60_000);

  test("When the tables are wiped, then restore into the existing database brings them back", async () => {
    const before = await snapshot();
    await script("backup");
    await sql(scratchUrl, `DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
    await script("restore", ["latest", "--yes"]);
    expect(await snapshot()).toEqual(before);
  }, 60_000);

  test("When there is no terminal and no --yes, then restore refuses and changes nothing", async () => {
    await sql(
      scratchUrl,
      `UPDATE "Post" SET title = 'changed' WHERE id = (SELECT min(id) FROM "Post")`,
    );
    const before = await snapshot();
    const failed = await script("restore", ["latest"]).catch((error) => error);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("pass --yes");
    expect(await snapshot()).toEqual(before);
  }, 60_000);

  test("When more than BACKUP_KEEP backups exist, then the oldest are pruned and none is overwritten", async () => {
    for (let i = 0; i < 3; i++) await script("backup", [], { BACKUP_KEEP: "2" });
    const kept = dumps();
    expect(kept).toHaveLength(2);
    expect(kept.every((name) => name.startsWith(`${SCRATCH}-`))).toBe(true);
    expect(readdirSync(backupDir).filter((name) => name.includes("partial"))).toEqual([]);

    const newest = kept.at(-1)!;
    const stamp = newest.slice(SCRATCH.length + 1, -".dump".length);
    const { mtimeMs } = statSync(join(backupDir, newest));
    const refused = await script("backup", [], { BACKUP_STAMP: stamp }).catch((error) => error);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("refusing to overwrite");
    expect(statSync(join(backupDir, newest)).mtimeMs).toBe(mtimeMs);
    expect(dumps()).toEqual(kept);
  }, 60_000);
});
