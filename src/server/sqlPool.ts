import pg from "pg";
import { logger } from "../observability/logger";

// The process's PostgreSQL connections: one pool, which Prisma runs on (src/server/prisma.ts)
// and which the hottest statements use directly. A statement sent through Prisma, even a raw
// one, passes its query compiler and request pipeline, which cost the authenticated write more
// CPU than PostgreSQL took to run it.
export type Sql = Pick<pg.Pool, "query">;

let pool: pg.Pool | undefined;

export function sqlPool(): pg.Pool {
  if (pool) return pool;
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  // An idle connection that PostgreSQL drops emits "error" on the pool; unheard, it would end
  // the process. The pool replaces the connection; the next query reports a real outage.
  pool.on("error", (error) => logger.warn({ err: error }, "idle database connection lost"));
  return pool;
}
