// Shared frame of the fault scripts: a scratch database, cleanup on exit, a JSON summary and
// an exit code that says whether the proof held.
import { existsSync } from "node:fs";
import { probe, redact } from "../../lib/database.mjs";
import { prepareDatabase, SERVER_BUNDLE } from "../../lib/app-process.mjs";

export async function scratchDatabase(name) {
  const base =
    process.env.FAULT_DATABASE_URL ??
    process.env.DATABASE_URL ??
    "postgresql://postgres@127.0.0.1:5432/postgres";
  const url = new URL(base);
  url.pathname = `/${name}`;
  const problem = await probe(url.toString());
  if (problem) throw new Error(`PostgreSQL at ${redact(url.toString())}: ${problem}`);
  await prepareDatabase(url.toString());
  return url.toString();
}

/** Runs `body(cleanups)`, always runs the cleanups, prints the summary, sets the exit code. */
export async function faultScript(name, body) {
  if (!existsSync(SERVER_BUNDLE)) {
    console.error(`${SERVER_BUNDLE} is missing: run npm test (it builds the bundle) first`);
    process.exit(1);
  }
  const cleanups = [];
  let summary;
  try {
    summary = await body(cleanups);
  } catch (error) {
    summary = { fault: name, passed: false, error: String(error?.stack ?? error) };
  }
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  console.log(JSON.stringify(summary, null, 2));
  process.exit(summary.passed ? 0 : 1);
}
