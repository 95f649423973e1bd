import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";

// Prisma's Rust-free client (generator engineType = "client") compiles queries with a bundled
// wasm compiler and runs them through the `pg` driver, so no native engine is downloaded.
// Its pool is ours: the hand-written page reads (src/shared/sql.ts) use the same connections,
// so both together never hold more than the pool's size. Wasp calls setUpPrisma once at server
// start; Prisma's $disconnect (at shutdown) ends the pool.
let pool: pg.Pool | undefined;

export const pgPool = () => (pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL }));

export const setUpPrisma = () =>
  new PrismaClient({ adapter: new PrismaPg(pgPool(), { disposeExternalPool: true }) });
