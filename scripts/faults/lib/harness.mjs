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

/** Progress for the operator watching, on stderr (stdout carries the JSON summary). */
export const progress = (message) => console.error(`[fault] ${message}`);

/** Runs `body(cleanups)`, always runs the cleanups, prints the summary, sets the exit code. */
export async function faultScript(name, body) {
  if (!existsSync(SERVER_BUNDLE)) {
    console.error(`${SERVER_BUNDLE} is missing: run npm test (it builds the bundle) first`);
    process.exit(1);
  }
  const cleanups = [];
  let summary;
  // A proof that hangs is a failed proof: give up after a bound and say where it was.
  const limitMs = Number(process.env.FAULT_TIMEOUT_MS ?? 180_000);
  let timer;
  const watchdog = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${limitMs} ms`)), limitMs);
  });
  try {
    summary = await Promise.race([body(cleanups), watchdog]);
  } catch (error) {
    summary = { fault: name, passed: false, error: String(error?.stack ?? error) };
  }
  clearTimeout(timer);
  for (const cleanup of cleanups.reverse()) {
    await Promise.race([cleanup().catch(() => {}), new Promise((r) => setTimeout(r, 20_000))]);
  }
  console.log(JSON.stringify(summary, null, 2));
  process.exit(summary.passed ? 0 : 1);
}
