// Keeps the server bundle and the web build in step with the sources, so whatever starts them
// (the tests, the bench, the fault proofs, the cluster) never runs code older than the checkout.
// A build counts as current when no source file changed since it started.
import {
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { run } from "./process.mjs";

export const SERVER_BUNDLE = ".wasp/out/server/bundle/server.js";
export const WEB_BUILD_DIR = ".wasp/out/web-app/build";
// Written into a web build: the API URL compiled into it and when its build started.
const WEB_STAMP = ".inkwell-build.json";
const SOURCES = ["src", "main.wasp.ts", "schema.prisma"];
const BUILD_COMMAND =
  "source scripts/lib/toolchain.sh && wasp compile && npm --prefix .wasp/out/server run bundle";

/** The most recently changed source file (tests excluded: no build contains them). */
function newestSource() {
  let newest = { path: "", mtimeMs: 0 };
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (!/\.test\.tsx?$/.test(path) && stat.mtimeMs > newest.mtimeMs) {
      newest = { path, mtimeMs: stat.mtimeMs };
    }
  };
  for (const path of SOURCES) visit(path);
  return newest;
}

function staleSince(what, builtAtMs) {
  const newest = newestSource();
  return newest.mtimeMs > builtAtMs ? `${newest.path} changed after ${what} was built` : null;
}

/** Why the server bundle is not current (null when it is). */
export function serverBundleStale() {
  if (!existsSync(SERVER_BUNDLE)) return `${SERVER_BUNDLE} is missing`;
  return staleSince(SERVER_BUNDLE, statSync(SERVER_BUNDLE).mtimeMs);
}

/** Why the web build in `dir` is not a current build for `apiUrl` (null when it is). */
export function webBuildStale(apiUrl, dir = WEB_BUILD_DIR) {
  const file = join(dir, WEB_STAMP);
  if (!existsSync(file)) return `${dir} has no build stamp`;
  const stamp = JSON.parse(readFileSync(file, "utf8"));
  if (stamp.apiUrl !== apiUrl) return `${dir} was built for ${stamp.apiUrl}, not ${apiUrl}`;
  return staleSince(dir, stamp.startedAt);
}

// Build output goes to stderr: the fault proofs print their JSON summary on stdout.
const sh = (command, args, env) => run(command, args, { env, stdio: ["ignore", 2, 2] });

async function building(reason, log, work) {
  log(`${reason}: rebuilding`);
  try {
    await work();
  } catch (error) {
    throw new Error(
      `${reason}, and rebuilding failed (${error.message}); build with: ${BUILD_COMMAND}`,
    );
  }
}

/** `wasp compile` (unless `compiled`) and the server bundle, stamped with the build's start. */
export async function buildServerBundle({ compiled = false, env = process.env } = {}) {
  const startedAt = new Date();
  if (!compiled) await sh("wasp", ["compile"], env);
  await sh("npm", ["--prefix", ".wasp/out/server", "run", "--silent", "bundle"], env);
  // A source saved while the bundler ran is newer than this, so the next check rebuilds.
  utimesSync(SERVER_BUNDLE, startedAt, startedAt);
}

/** The web app (vite build) calling `apiUrl`; needs a current `wasp compile`. */
export async function buildWebApp({ apiUrl, env = process.env }) {
  const startedAt = Date.now();
  // NODE_ENV pinned: vitest sets it ("test", or "development" from the tests' env) in the
  // global setups that call this, and React's development build would then be bundled.
  await sh("npx", ["vite", "build", "--logLevel", "warn"], {
    ...env,
    NODE_ENV: "production",
    REACT_APP_API_URL: apiUrl,
  });
  writeFileSync(join(WEB_BUILD_DIR, WEB_STAMP), JSON.stringify({ apiUrl, startedAt }));
}

/**
 * Rebuilds the server bundle when it is missing or older than a source (`compiled`: the caller
 * has just run `wasp compile`).
 */
export async function ensureServerBundle({
  log = console.error,
  env = process.env,
  ...options
} = {}) {
  const reason = options.force ? "rebuild requested" : serverBundleStale();
  if (reason) await building(reason, log, () => buildServerBundle({ ...options, env }));
}

/** The server bundle and a web build for `apiUrl`, each rebuilt when not current. */
export async function ensureBuilds({ apiUrl, log = console.error, env = process.env, ...options }) {
  const { force } = options;
  await ensureServerBundle({ log, env, ...options });
  const reason = force ? "rebuild requested" : webBuildStale(apiUrl);
  if (reason) await building(reason, log, () => buildWebApp({ apiUrl, env }));
}

/** Refuses (throws) when the server bundle is not current, naming the command that builds it. */
export function requireCurrentServerBundle() {
  const reason = serverBundleStale();
  if (reason) throw new Error(`${reason}; build with: ${BUILD_COMMAND}`);
}
