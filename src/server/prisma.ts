import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

// Prisma's Rust-free client (generator engineType = "client") compiles queries with a bundled
// wasm compiler and runs them through the `pg` driver, so no native engine is downloaded.
// Wasp calls this once at server start.
export const setUpPrisma = () =>
  new PrismaClient({
    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }),
  });
