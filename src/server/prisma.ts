import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { sqlPool } from "./sqlPool";

// Prisma's Rust-free client (generator engineType = "client") compiles queries with a bundled
// wasm compiler and runs them through the `pg` driver, so no native engine is downloaded.
// Wasp calls this once at server start. Its pool is the one the hot statements share.
export const setUpPrisma = () =>
  // disposeExternalPool: $disconnect (shutdown) still ends the connections.
  new PrismaClient({ adapter: new PrismaPg(sqlPool(), { disposeExternalPool: true }) });
