import pg from "pg";

// The process's PostgreSQL connections: one pool, which Prisma runs on (src/server/prisma.ts)
// and which the hottest statements use directly. A statement sent through Prisma, even a raw
// one, passes its query compiler and request pipeline, which cost the authenticated write more
// CPU than PostgreSQL took to run it.
export type Sql = Pick<pg.Pool, "query">;

let pool: pg.Pool | undefined;

export function sqlPool(): pg.Pool {
  return (pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL }));
}
