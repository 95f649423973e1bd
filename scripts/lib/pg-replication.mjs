// A PostgreSQL primary with streaming standbys of its own, from the machine's server binaries
// (Debian's /usr/lib/postgresql/<v>/bin), for the replica tests, the replica fault proof and the
// replica benchmark. The primary runs with wal_level=replica; initdb's default pg_hba already
// trusts replication connections from 127.0.0.1. Each standby is `pg_basebackup -R` (it writes
// standby.signal and primary_conninfo) into a scratch dir under /tmp. Lag is made deterministic
// with recovery_min_apply_delay (a reload, no restart): the standby receives WAL at once but
// applies each commit only that long after it happened on the primary.
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const exec = promisify(execFile);

function binDir() {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = join(root, version, "bin");
    if (existsSync(join(bin, "pg_basebackup"))) return bin;
  }
  throw new Error(
    "PostgreSQL server binaries not found under /usr/lib/postgresql (apt install postgresql)",
  );
}

// PostgreSQL refuses to run as root: as root, its tools run as the `postgres` OS user.
const asRoot = process.getuid?.() === 0;
async function pgTool(bin, tool, args) {
  const command = join(bin, tool);
  const [file, argv] = asRoot
    ? ["runuser", ["-u", "postgres", "--", command, ...args]]
    : [command, args];
  try {
    return await exec(file, argv, { timeout: 60_000 });
  } catch (error) {
    const output = `${error.stderr ?? ""}${error.stdout ?? ""}`.trim();
    throw new Error(`${tool} ${args.join(" ")} failed: ${output || error.message}`);
  }
}

function ownedDir(dir) {
  mkdirSync(dir, { recursive: true });
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    chownSync(dir, uid, gid);
  }
}

const urlOf = (port, database = "postgres") =>
  `postgresql://postgres@127.0.0.1:${port}/${database}`;

/** One server (primary or standby): start, stop, and its pid file's directory. */
function server(bin, root, name, port, settings) {
  const data = join(root, name);
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    ...settings.map((s) => `-c ${s}`),
  ];
  return {
    name,
    port,
    data,
    url: (database) => urlOf(port, database),
    start: () =>
      pgTool(bin, "pg_ctl", [
        "start",
        "-w",
        "-t",
        "30",
        "-D",
        data,
        "-o",
        options.join(" "),
        "-l",
        join(root, `${name}.log`),
      ]),
    stop: () => pgTool(bin, "pg_ctl", ["stop", "-w", "-t", "30", "-m", "fast", "-D", data]),
    running: () => existsSync(join(data, "postmaster.pid")),
  };
}

/**
 * Starts a primary on `port` and `standbys` streaming standbys on the next ports, all in a fresh
 * scratch dir. Returns `{ primary, standbys, setDelay(i, ms), waitForReplay(i), remove() }`;
 * `remove()` stops every server and deletes the dir (call it in a finally, it never throws).
 */
export async function startReplicatedPostgres({ port, standbys = 1, name = "replica" }) {
  const bin = binDir();
  const root = `/tmp/inkwell-${name}-${port}`;
  rmSync(root, { recursive: true, force: true });
  ownedDir(root);
  const servers = [];
  const remove = async () => {
    for (const s of servers.reverse()) if (s.running()) await s.stop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const primary = server(bin, root, "primary", port, [
      "wal_level=replica",
      "max_wal_senders=10",
      "wal_keep_size=256MB",
    ]);
    await pgTool(bin, "initdb", ["-D", primary.data, "-A", "trust", "-U", "postgres", "--no-sync"]);
    servers.push(primary);
    await primary.start();
    const replicas = [];
    for (let i = 0; i < standbys; i++) {
      const standby = server(bin, root, `standby${i + 1}`, port + 1 + i, [
        "hot_standby=on",
        "hot_standby_feedback=on",
      ]);
      await pgTool(bin, "pg_basebackup", [
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        "-D",
        standby.data,
        "-R",
        "-X",
        "stream",
        "--no-sync",
      ]);
      servers.push(standby);
      await standby.start();
      replicas.push(standby);
    }
    /** Sets standby `i`'s recovery_min_apply_delay (0 = apply at once) and reloads it. */
    const setDelay = async (i, ms) => {
      const client = new pg.Client({ connectionString: replicas[i].url() });
      await client.connect();
      try {
        // ALTER SYSTEM is refused in recovery; the auto.conf file is the same thing by hand.
        const conf = join(replicas[i].data, "postgresql.auto.conf");
        const { stdout } = await exec("cat", [conf]);
        const kept = stdout
          .split("\n")
          .filter((line) => line && !line.startsWith("recovery_min_apply_delay"));
        writeFileSync(conf, [...kept, `recovery_min_apply_delay = '${ms}ms'`, ""].join("\n"));
        await client.query("SELECT pg_reload_conf()");
      } finally {
        await client.end();
      }
    };
    /** Resolves once standby `i` has replayed everything the primary had written when called. */
    const waitForReplay = async (i, timeoutMs = 20_000) => {
      const p = new pg.Client({ connectionString: primary.url() });
      const r = new pg.Client({ connectionString: replicas[i].url() });
      await Promise.all([p.connect(), r.connect()]);
      try {
        const { rows } = await p.query("SELECT pg_current_wal_lsn() AS lsn");
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const { rows: done } = await r.query(
            "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok",
            [rows[0].lsn],
          );
          if (done[0].ok) return;
          if (Date.now() > deadline)
            throw new Error(`standby${i + 1} did not catch up in ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      } finally {
        await Promise.all([p.end(), r.end()]);
      }
    };
    return { primary, standbys: replicas, setDelay, waitForReplay, remove, root };
  } catch (error) {
    await remove();
    throw error;
  }
}
