#!/usr/bin/env node
// Stands in for Prisma's native `schema-engine` binary, which cannot be downloaded offline.
// Prisma's CLI starts it (via PRISMA_SCHEMA_ENGINE_BINARY) when Wasp checks the database:
//   - `schema-engine cli --datasource URL can-connect-to-database` (one-shot), and
//   - JSON-RPC on stdin/stdout, of which Wasp needs only `dbExecute`.
// Both are answered with `pg`. Any other request fails at once and points at `npm run db:*`,
// which run real migrations through the wasm schema engine (prisma.config.ts).
// Remove when Wasp supports Prisma 6+ with `engine: "js"`.
import { createInterface } from "node:readline";
import pg from "pg";

// Wasp asks for a "diff" on every compile to see whether migrations are pending; that one failing
// is expected (npm start and npm test apply migrations themselves), so the message says so.
const HINT =
  "needs Prisma's native schema engine, which this project does not download (expected; " +
  "npm start and npm test apply migrations themselves). " +
  "Use npm run db:deploy | db:migrate-dev | db:status | db:reset instead.";

async function withClient(connectionString, work) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

function oneShot(args) {
  const url = args[args.indexOf("--datasource") + 1];
  const command = args.at(-1);
  const fail = (message, error_code) => {
    process.stderr.write(JSON.stringify({ is_panic: false, message, error_code, meta: {} }) + "\n");
    process.exit(1);
  };
  if (command !== "can-connect-to-database") return fail(`"${command}" ${HINT}`, "P4001");
  withClient(url, () => undefined).then(
    () => process.exit(0),
    (e) => fail(`Can't reach database server: ${e.message}`, "P1001"),
  );
}

function jsonRpc() {
  const send = (message) =>
    process.stdout.write(JSON.stringify({ jsonrpc: "2.0", ...message }) + "\n");
  const fail = (id, message, error_code) =>
    send({
      id,
      error: { code: 4466, message, data: { is_panic: false, message, error_code, meta: {} } },
    });
  createInterface({ input: process.stdin }).on("line", async (line) => {
    let request;
    try {
      request = JSON.parse(line);
    } catch {
      return;
    }
    if (request.method !== "dbExecute")
      return fail(request.id, `"${request.method}" ${HINT}`, "P4001");
    try {
      await withClient(process.env.DATABASE_URL, (c) => c.query(request.params.script));
      send({ id: request.id, result: null });
    } catch (e) {
      fail(request.id, `Can't reach database server: ${e.message}`, "P1001");
    }
  });
}

const args = process.argv.slice(2);
if (args[0] === "cli") oneShot(args);
else jsonRpc();
