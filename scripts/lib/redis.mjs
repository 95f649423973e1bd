// Redis for the test command: REDIS_URL/TEST_REDIS_URL when set, else the local service on
// 127.0.0.1:6379, else a redis-server started for the run (nothing kept on disk).
import { spawn, spawnSync } from "node:child_process";
import { createConnection } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";

/** Resolves true when something at `url` answers PING with PONG. */
export function pingRedis(url, timeoutMs = 1000) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => done(String(data).startsWith("+PONG")));
  });
}

export function hasRedisServer() {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

/**
 * Starts a throwaway redis-server on `port`; resolves to its URL, pid and a stop function. With
 * `dir`, a `SHUTDOWN SAVE` leaves a dump there that the next start in that dir loads; `args`
 * are further config options (e.g. `["--enable-debug-command", "local"]`).
 */
export async function startRedisServer(port, { dir, args: extra = [] } = {}) {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  if (dir) args.push("--dir", dir, "--dbfilename", "dump.rdb");
  args.push(...extra);
  const child = spawn("redis-server", args, { stdio: "ignore" });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await pingRedis(url, 200)) {
      return {
        url,
        pid: child.pid,
        exited,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      };
    }
    await sleep(100);
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not start on port ${port}`);
}

/**
 * Runs `work` on a short-lived admin connection to `target` (a redis:// URL, or a port on
 * 127.0.0.1) with no command timeout and no retries: a fault may hold its reply.
 */
export async function withRedis(target, work) {
  const options = { maxRetriesPerRequest: 0, lazyConnect: true };
  const client =
    typeof target === "number"
      ? new Redis({ ...options, port: target, host: "127.0.0.1" })
      : new Redis(target, options);
  client.on("error", () => {});
  try {
    await client.connect();
    return await work(client);
  } finally {
    client.disconnect();
  }
}
