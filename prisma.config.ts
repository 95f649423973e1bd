// Configuration for `npm run db:*` only (the Prisma CLI run from the project root). Wasp's own
// Prisma calls run in .wasp/out and never read this file. See tools/prisma/README.md.
import { existsSync } from "node:fs";
import { defineConfig } from "prisma/config";
import { migrationAdapter } from "./tools/prisma/migrate-adapter.mjs";

// The wasm schema engine leaves 10 s / 60 s timers armed when it is done; without this the CLI
// lingers up to a minute before exiting.
const setTimeoutRef = globalThis.setTimeout as (...args: unknown[]) => NodeJS.Timeout;
globalThis.setTimeout = ((callback: () => void, ms?: number, ...args: unknown[]) => {
  const timer = setTimeoutRef(callback, ms, ...args);
  if ((ms ?? 0) >= 5000) timer.unref();
  return timer;
}) as typeof setTimeout;

if (!process.env.DATABASE_URL && existsSync(".env.server")) process.loadEnvFile(".env.server");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: ".wasp/out/db/schema.prisma", // written by `wasp compile`, auth models included
  migrations: { path: "migrations" },
  adapter: () => migrationAdapter(process.env.DATABASE_URL ?? ""),
});
