// A PostgreSQL server of a script's own, to stop and restart at will (the restart fault proof).
// Prefers the machine's PostgreSQL binaries (Debian's /usr/lib/postgresql/<v>/bin) with a data
// dir under /var/tmp: the `postgres` OS user can always reach both, whereas the project folder
// may sit under a directory only root can enter (e.g. a fresh `mktemp -d` clone). Falls back
// to the embedded PostgreSQL from npm when no server binaries are installed.
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

function systemBinDir() {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, "bin");
    if (existsSync(join(bin, "pg_ctl")) && existsSync(join(bin, "initdb"))) return bin;
  }
  return null;
}

// As root, the server binaries run as the `postgres` OS user (PostgreSQL refuses root).
async function asPostgres(command, args) {
  const [file, argv] =
    process.getuid?.() === 0
      ? ["runuser", ["-u", "postgres", "--", command, ...args]]
      : [command, args];
  try {
    await run(file, argv);
  } catch (error) {
    const output = `${error.stderr ?? ""}${error.stdout ?? ""}`.trim();
    throw new Error(`${command.split("/").at(-1)} ${args[0]} failed: ${output || error.message}`);
  }
}

/** Starts a throwaway server on `port`; returns `{ url, stop(), start() }` (URL of `postgres`). */
export async function startScratchPostgres({ port, name }) {
  const bin = systemBinDir();
  if (!bin) {
    const { startEmbeddedPostgres } = await import("./embedded-postgres.mjs");
    const start = () => startEmbeddedPostgres({ dataDir: `.data/${name}`, port, log: () => {} });
    let server = await start();
    return {
      url: server.url,
      stop: () => server.stop(),
      start: async () => void (server = await start()),
    };
  }
  const dir = `/var/tmp/inkwell-${name}-${port}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  await asPostgres(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () =>
    asPostgres(join(bin, "pg_ctl"), [
      "start",
      "-w",
      "-D",
      data,
      "-o",
      options,
      "-l",
      join(dir, "log"),
    ]);
  const stop = () => asPostgres(join(bin, "pg_ctl"), ["stop", "-w", "-m", "fast", "-D", data]);
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    /** Stops the server if it runs and removes its files. */
    remove: async () => {
      await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
