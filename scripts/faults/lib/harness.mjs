// Shared frame of the fault scripts: a scratch database, cleanup on exit, a JSON summary and
// an exit code that says whether the proof held.
import { prepareDatabase, scratchDatabaseUrl } from "../../lib/app-process.mjs";
import { ensureServerBundle } from "../../lib/build.mjs";

/** A fresh, migrated database `name` on FAULT_DATABASE_URL's (or DATABASE_URL's) server. */
export async function scratchDatabase(name) {
  const url = await scratchDatabaseUrl(name, process.env.FAULT_DATABASE_URL);
  await prepareDatabase(url);
  return url;
}

/** Progress for the operator watching, on stderr (stdout carries the JSON summary). */
export const progress = (message) => console.error(`[fault] ${message}`);

/** Runs `body(cleanups)`, always runs the cleanups, prints the summary, sets the exit code. */
export async function faultScript(name, body) {
  try {
    await ensureServerBundle({ log: progress });
  } catch (error) {
    console.error(error.message);
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
