import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { logger } from "../observability/logger";

// Prisma's Rust-free client (generator engineType = "client") compiles queries with a bundled
// wasm compiler and runs them through the `pg` driver, so no native engine is downloaded.
// Its pool is ours: the hand-written page reads (src/shared/sql.ts) use the same connections,
// so both together never hold more than the pool's size. Wasp calls setUpPrisma once at server
// start; Prisma's $disconnect (at shutdown) ends the pool.
let pool: pg.Pool | undefined;

export function pgPool(): pg.Pool {
  if (pool) return pool;
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  // An idle connection PostgreSQL drops (a restart, a failover) emits "error" on the pool:
  // unheard, it ends the process. The pool replaces the connection; the next query that cannot
  // get one reports the outage as a 503 (src/shared/errors.ts).
  pool.on("error", (error) => logger.warn({ err: error }, "idle database connection lost"));
  return pool;
}

export const setUpPrisma = () =>
  new PrismaClient({ adapter: new PrismaPg(pgPool(), { disposeExternalPool: true }) });
