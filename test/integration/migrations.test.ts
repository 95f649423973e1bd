import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
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
