// npm run test:realworld: the official RealWorld (Conduit) API suite against the RealWorld door
// (/api). The suite is Hurl files read from REALWORLD_SUITE (default ../shared/realworld/hurl,
// beside the project; it is not part of it) and run by our interpreter of the Hurl subset they
// use (hurl.mjs): the hurl binary cannot be installed here. The whole suite runs twice in a row
// against the same database, each pass with a new {{uid}}: the acceptance criterion, and proof
// that a pass leaves nothing behind that breaks the next. Against REALWORLD_HOST when set, else
// the built server on a fresh database (REALWORLD_DATABASE_URL's server, else DATABASE_URL's,
// else 127.0.0.1:5432) and Redis (REALWORLD_REDIS_URL, else REDIS_URL, else the local one).
// Flags: --list (parse and count, send nothing), --if-present (no suite: exit 0, for CI),
// --passes=N (default 2).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  localRedisUrl,
  prepareDatabase,
  productionEnv,
  scratchDatabaseUrl,
  startApp,
} from "../lib/app-process.mjs";
import { ensureServerBundle } from "../lib/build.mjs";
import { redact } from "../lib/database.mjs";
import { log } from "../lib/process.mjs";
import { countChecks, HurlSyntaxError, loadSuite } from "./hurl.mjs";
import { newUid, runFile } from "./runner.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const FLAGS = /^--(list|if-present|passes=\d+)$/;

const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The built server, as the bench and the fault proofs start it; resolves to its URL. */
async function startServer(cleanups) {
  await ensureServerBundle({ log });
  const base = process.env.REALWORLD_DATABASE_URL;
  const databaseUrl = await scratchDatabaseUrl("inkwell_realworld", base);
  await prepareDatabase(databaseUrl);
  const given = process.env.REALWORLD_REDIS_URL;
  const redisUrl = await localRedisUrl({ given, port: 6394, cleanups });
  log(`realworld: the built server on ${redact(databaseUrl)} (fresh) and ${redact(redisUrl)}`);
  const env = productionEnv({
    databaseUrl,
    redisUrl,
    redisPrefix: `inkwell-realworld:${Date.now()}:`,
    // RealWorld clients, the suite among them, expect a usable token from sign-up.
    EMAIL_VERIFICATION: "optional",
    // A pass signs up and logs in about 25 users from this one IP within seconds, two passes
    // twice that: the defaults (20 sign-ins a minute per IP, 10 per account in 15 minutes)
    // would answer 429s the suite does not expect. Raised, not off: the limiters still run.
    RATE_LIMIT_AUTH_IP_PER_MIN: "1000",
    RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: "1000",
    RATE_LIMIT_ANON_PER_MIN: "10000",
    RATE_LIMIT_USER_PER_MIN: "10000",
  });
  const server = await startApp({ name: "realworld server", env });
  cleanups.push(() => server.stop());
  return server.url;
}

/** One file's result: a line, then each failing request with its checks and response. */
function report(result, width) {
  const ok = result.failed.length === 0 && !result.stopped;
  const checks = ok
    ? plural(result.checks, "check")
    : `${result.passed}/${result.checks} checks passed`;
  const lines = [
    `${ok ? "✓" : "✗"} ${result.file.padEnd(width)}  ${result.requests} requests, ${checks}`,
  ];
  for (const outcome of result.failed) {
    lines.push(`    ${outcome.where}  ${outcome.request}`);
    for (const { where, check, message } of outcome.failures) {
      lines.push(`      ${where}  ${check}`, `        ${message}`);
    }
    if (outcome.response) {
      const body = outcome.response.text.replace(/\s*\n\s*/g, " ").trim() || "(empty)";
      lines.push(`      response ${outcome.response.status}: ${clip(body, 500)}`);
    }
  }
  if (result.stopped) {
    const { where, requests, checks: notRun } = result.stopped;
    lines.push(
      `    stopped after ${where}: ${plural(requests, "request")}, ${notRun} checks not run`,
    );
  }
  return lines.join("\n");
}

const totals = (results) => {
  const sum = (key) => results.reduce((n, r) => n + r[key], 0);
  const passed = `${sum("passed")}/${sum("checks")} checks passed`;
  return `realworld: ${passed} in ${results.length} files (${sum("requests")} requests)`;
};

async function main() {
  const args = process.argv.slice(2);
  const unknown = args.find((arg) => !FLAGS.test(arg));
  if (unknown) throw new Error(`unknown argument ${unknown} (--list, --if-present, --passes=N)`);
  const passes = Number(args.find((arg) => arg.startsWith("--passes="))?.slice(9) ?? 2);
  const dir = resolve(ROOT, process.env.REALWORLD_SUITE ?? "../shared/realworld/hurl");
  if (!existsSync(dir)) {
    console.log(`realworld: no suite at ${dir} (set REALWORLD_SUITE to its hurl/ folder)`);
    return args.includes("--if-present") ? 0 : 1;
  }
  const suite = loadSuite(dir);
  if (suite.length === 0) throw new Error(`no .hurl files in ${dir}`);
  const width = Math.max(...suite.map((parsed) => parsed.file.length));
  if (args.includes("--list")) {
    for (const parsed of suite) {
      const asserts = parsed.entries.reduce((n, entry) => n + entry.asserts.length, 0);
      const captures = parsed.entries.reduce((n, entry) => n + entry.captures.length, 0);
      const counts = `${parsed.entries.length} requests, ${countChecks(parsed)} checks`;
      console.log(
        `  ${parsed.file.padEnd(width)}  ${counts} (${asserts} asserts, ${plural(captures, "capture")})`,
      );
    }
    const requests = suite.reduce((n, parsed) => n + parsed.entries.length, 0);
    const checks = suite.reduce((n, parsed) => n + countChecks(parsed), 0);
    console.log(
      `realworld: ${requests} requests, ${checks} checks in ${suite.length} files (${dir})`,
    );
    return 0;
  }
  const cleanups = [];
  try {
    const host = process.env.REALWORLD_HOST?.replace(/\/+$/, "") || (await startServer(cleanups));
    const summaries = [];
    for (let pass = 1; pass <= passes; pass++) {
      const uid = newUid();
      console.log(`\nrealworld: pass ${pass} of ${passes} against ${host} (uid ${uid})`);
      const results = [];
      for (const parsed of suite) {
        const result = await runFile(parsed, { host, uid });
        console.log(report(result, width));
        results.push(result);
      }
      summaries.push({ line: totals(results), ok: results.every((r) => !r.failed.length) });
      console.log(summaries.at(-1).line);
    }
    if (passes > 1)
      console.log(`\n${summaries.map((s, i) => `pass ${i + 1}: ${s.line}`).join("\n")}`);
    return summaries.every((s) => s.ok) ? 0 : 1;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`realworld: ${error instanceof HurlSyntaxError ? error.message : error.stack}`);
  process.exitCode = 1;
}
