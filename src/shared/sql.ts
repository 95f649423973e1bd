import type { Prisma, PrismaClient } from "@prisma/client";
import type { Pool } from "pg";

// Hand-written reads whose answer is JSON that PostgreSQL builds: one statement per page
// instead of Prisma's one per relation. Through the `pg` pool each statement is prepared once
// per connection under its name, so PostgreSQL keeps its plan rather than planning every call
// (planning costs more than running these). Through Prisma (a PrismaClient alone, as tests and
// scripts pass, or a transaction's client), the same text runs as a raw query, logged like
// Prisma's own.
// An empty name runs the statement unnamed: planned for its values each time.
export type SqlRunner = <Row>(name: string, text: string, values: unknown[]) => Promise<Row[]>;

export const poolSql =
  (pool: Pool): SqlRunner =>
  async <Row>(name: string, text: string, values: unknown[]) =>
    (await pool.query({ name: name || undefined, text, values })).rows as Row[];

export const prismaSql =
  (db: Pick<PrismaClient | Prisma.TransactionClient, "$queryRawUnsafe">): SqlRunner =>
  <Row>(_name: string, text: string, values: unknown[]) =>
    db.$queryRawUnsafe<Row[]>(text, ...values);

/**
 * Where a read may run, for reads that need no freshness guarantee (src/server/replicas/): a
 * runner that uses a read replica whose replay has passed `floor` (a WAL position; the viewer's
 * own last write is added to it) and the primary otherwise. A feed cache fill passes the floor
 * stored with the feed version, so a lagging replica never fills the cache with an old page.
 */
export type ReadRoute = { sql(floor?: bigint): SqlRunner };
