// A real Redis Sentinel setup from the machine's redis-server, for the tests and the fault proof:
// one master, its replicas and N sentinels (`redis-server <conf> --sentinel`; there is no
// redis-sentinel binary on every machine), all in one scratch directory removed by stop().
// Timeouts are short (a master is "down" after `downAfterMs`) so a failover takes seconds.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pingRedis, startRedisServer, withRedis } from "./redis.mjs";

export { withRedis };

/** Polls `check` every 50 ms until it returns a truthy value; throws `what` after `timeoutMs`. */
export async function waitFor(what, check, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const info = (port, section) => withRedis(port, (client) => client.info(section));

/**
 * Starts the master on `masterPort`, a replica on each of `replicaPorts` (replicating from
 * `replicaOf[i]` when given, e.g. a relay the test controls, else from the master), then the
 * sentinels once every replica is in sync, and waits until the sentinels see all replicas.
 */
export async function startSentinelSetup({
  name = "inkwell",
  masterPort,
  replicaPorts,
  replicaOf = [],
  sentinelPorts,
  quorum = Math.floor(sentinelPorts.length / 2) + 1,
  downAfterMs = 1000,
  failoverTimeoutMs = 5000,
}) {
  const dir = mkdtempSync(join(tmpdir(), "inkwell-sentinel-"));
  const children = [];
  const servers = new Map();
  const stop = async () => {
    for (const server of servers.values()) await server.stop().catch(() => {});
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await Promise.all(children.map((child) => child.exitPromise));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Data stays in memory; a replica loads the master's snapshot from the socket (no disk).
    const serverArgs = ["--repl-diskless-load", "on-empty-db", "--enable-debug-command", "local"];
    const startServer = async (port, extra = []) => {
      const serverDir = join(dir, `redis-${port}`);
      mkdirSync(serverDir, { recursive: true });
      servers.set(
        port,
        await startRedisServer(port, { dir: serverDir, args: [...serverArgs, ...extra] }),
      );
    };
    await startServer(masterPort);
    for (const [i, port] of replicaPorts.entries()) {
      await startServer(port, ["--replicaof", "127.0.0.1", String(replicaOf[i] ?? masterPort)]);
    }
    for (const port of replicaPorts) {
      await waitFor(`replica ${port} in sync`, async () =>
        (await info(port, "replication")).includes("master_link_status:up"),
      );
    }
    for (const port of sentinelPorts) {
      const conf = join(dir, `sentinel-${port}.conf`);
      writeFileSync(
        conf,
        [
          `port ${port}`,
          "bind 127.0.0.1",
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${masterPort} ${quorum}`,
          `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
          `sentinel failover-timeout ${name} ${failoverTimeoutMs}`,
          `sentinel parallel-syncs ${name} 1`,
          "",
        ].join("\n"),
      );
      const child = spawn("redis-server", [conf, "--sentinel"], { stdio: "ignore" });
      child.exitPromise = new Promise((resolve) => child.once("exit", resolve));
      children.push(child);
      await waitFor(`sentinel ${port}`, () => pingRedis(`redis://127.0.0.1:${port}`, 200));
    }
    await waitFor("the sentinels to see every replica", async () => {
      for (const port of sentinelPorts) {
        const replicas = await withRedis(port, (c) => c.call("SENTINEL", "REPLICAS", name));
        if (replicas.length < replicaPorts.length) return false;
      }
      return true;
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    name,
    dir,
    sentinels: sentinelPorts.map((port) => `127.0.0.1:${port}`).join(","),
    /** The master's port as the first sentinel names it. */
    masterPort: async () => {
      const [, port] = await withRedis(sentinelPorts[0], (c) =>
        c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", name),
      );
      return Number(port);
    },
    /** Kills the redis-server on `port` (SIGKILL: nothing is saved, no goodbye to clients). */
    async kill(port) {
      const server = servers.get(port);
      process.kill(server.pid, "SIGKILL");
      await server.exited;
      servers.delete(port);
    },
    info,
    stop,
  };
}
