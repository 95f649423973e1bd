import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { prepareDatabase } from "../../../scripts/lib/app-process.mjs";
import {
  startReplicatedPostgres,
  type ReplicatedPostgres,
} from "../../../scripts/lib/pg-replication.mjs";
import { parseLsn } from "../../../src/server/replicas/lsn";
import type { ReplicaSet } from "../../../src/server/replicas/replicaSet";

// A migrated primary with one streaming standby (on `port` and the next), for the replica tests:
// real servers, replication and lag, never a stand-in. Each test file uses ports of its own
// (vitest runs files in parallel).
export const DATABASE = "inkwell_test_replica";
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function replicatedDatabase(port: number) {
  const cluster: ReplicatedPostgres = await startReplicatedPostgres({
    port,
    standbys: 1,
    name: "replica-test",
  });
  try {
    const primaryUrl = cluster.primary.url(DATABASE);
    await prepareDatabase(primaryUrl);
    await cluster.waitForReplay(0);
    const pool = new pg.Pool({ connectionString: primaryUrl });
    const db = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      cluster,
      primaryUrl,
      replicaUrl: cluster.standbys[0]!.url(DATABASE),
      pool,
      db,
      /** The primary's current WAL position. */
      position: async () =>
        parseLsn(
          (await pool.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0]!
            .lsn,
        ),
      async close() {
        await db.$disconnect().catch(() => {});
        await pool.end().catch(() => {});
        await cluster.remove();
      },
    };
  } catch (error) {
    await cluster.remove();
    throw error;
  }
}

export type ReplicatedDatabase = Awaited<ReturnType<typeof replicatedDatabase>>;

/** Waits until `check()` holds (polled every 25 ms), else fails saying `what`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Waits until the set has polled replica 0 at or past `lsn`. */
export const untilPolled = (set: ReplicaSet, lsn: bigint) =>
  until("the replica's replay to be polled", () => (set.replicas[0]!.replayed ?? 0n) >= lsn);

export const authorRow = (db: PrismaClient) =>
  db.user.create({
    data: {
      email: `replica-${randomUUID().slice(0, 8)}@test.inkwell`,
      username: `replica_${randomUUID().slice(0, 8)}`,
      name: "Replica Author",
    },
  });

export function postRow(db: PrismaClient, authorId: number, title: string) {
  const slug = `post-${randomUUID()}`;
  return db.post.create({
    data: { authorId, slug, slugs: { create: { slug } }, title, content: "c" },
  });
}
