// The one launcher of the built server (the production bundle) and other child processes, used
// by the HTTP tests, the benchmark, the fault proofs and the cluster; plus the database and
// Redis those scripts run it against.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { SERVER_BUNDLE } from "./build.mjs";
import { probe, recreateDatabase, redact } from "./database.mjs";
import { run } from "./process.mjs";
import { hasRedisServer, pingRedis, startRedisServer } from "./redis.mjs";

/** Environment for a production instance; secrets are fixed throwaway values for local runs. */
export function productionEnv({ databaseUrl, redisUrl, redisPrefix, ...rest }) {
  return {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    REDIS_PREFIX: redisPrefix ?? `inkwell-local:${Date.now()}:`,
    WASP_WEB_CLIENT_URL: "http://localhost:3000",
    WASP_SERVER_URL: "http://localhost:3001",
    JWT_SECRET: "local-run-wasp-secret-0123456789abcdef0123456789",
    API_JWT_SECRET: "local-run-api-secret-0123456789abcdef0123456789",
    RATE_LIMIT_ANON_PER_MIN: "100000000",
    RATE_LIMIT_USER_PER_MIN: "100000000",
    RATE_LIMIT_AUTH_IP_PER_MIN: "100000000",
    RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: "100000000",
    RATE_LIMIT_WEB_PER_MIN: "100000000",
    // The bench and the fault proofs are API clients that write right after registering, as
    // the deployments EMAIL_VERIFICATION=optional exists for; nobody opens their emails.
    EMAIL_VERIFICATION: "optional",
    // A development convenience production refuses to start with (the caller may have it set).
    SKIP_EMAIL_VERIFICATION_IN_DEV: undefined,
    LOG_LEVEL: "warn",
    ...rest,
  };
}

/**
 * The URL of database `name` on the server of `base` (else DATABASE_URL, else the local
 * service), after checking that server answers. Creates nothing.
 */
export async function scratchDatabaseUrl(name, base) {
  const url = new URL(
    base ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  url.pathname = `/${name}`;
  const problem = await probe(url.toString());
  if (problem) throw new Error(`PostgreSQL at ${redact(url.toString())}: ${problem}`);
  return url.toString();
}

/** `given`, else REDIS_URL, else the local service, else a redis-server on `port` (stopped by a pushed cleanup). */
export async function localRedisUrl({ given, port, cleanups }) {
  const url = given ?? process.env.REDIS_URL;
  if (url) return url;
  if (await pingRedis("redis://127.0.0.1:6379")) return "redis://127.0.0.1:6379";
  if (!hasRedisServer()) throw new Error("This needs Redis: set REDIS_URL or install redis-server");
  const server = await startRedisServer(port);
  cleanups.push(() => server.stop());
  return server.url;
}

/** A fresh, migrated database at `url`. */
export async function prepareDatabase(url) {
  await recreateDatabase(url);
  await run("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}

// Keeps memory bounded for a long run; far more than any test reads back.
const OUTPUT_LIMIT = 20_000_000;
const lastLines = (text, n = 40) => text.trimEnd().split("\n").slice(-n).join("\n");

/**
 * Spawns `command args…` (default: this Node) and resolves with its handle once its output
 * matches `ready`, or, given `readyUrl`, once that answers 200. An `env` value of undefined
 * removes that variable. With `discardStdout`, stdout goes to /dev/null (a busy access log
 * would cost this process CPU); stderr is always captured. A start that fails is killed.
 */
export function startProcess({
  name,
  command = process.execPath,
  args,
  env = {},
  ready = /listening|ready/i,
  readyUrl,
  discardStdout = false,
  detached = false,
  onSpawn,
  onOutput,
  timeoutMs = 30_000,
}) {
  const merged = Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined);
  const child = spawn(command, args, {
    env: Object.fromEntries(merged),
    detached,
    stdio: ["ignore", discardStdout ? "ignore" : "pipe", "pipe"],
  });
  onSpawn?.(child);
  // Kept as chunks and joined only when read: a busy server (the bench's access log) writes
  // megabytes, and copying or scanning all of it on every chunk starved the machine it measures.
  const chunks = [];
  let size = 0;
  let joined = "";
  let stale = false;
  const output = () => {
    if (stale) {
      joined = chunks.join("");
      stale = false;
    }
    return joined;
  };
  const collect = (chunk) => {
    const text = String(chunk);
    chunks.push(text);
    size += text.length;
    stale = true;
    if (size > OUTPUT_LIMIT) {
      let drop = 0;
      while (size > OUTPUT_LIMIT / 2 && drop < chunks.length - 1) size -= chunks[drop++].length;
      chunks.splice(0, drop);
    }
    onOutput?.(text);
  };
  child.stdout?.on("data", collect);
  child.stderr.on("data", collect);
  const exit = new Promise((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  // "close", not "exit": it comes after the output pipes are drained.
  const exited = new Promise((resolve) => child.once("close", (code) => resolve(code)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const handle = {
    name,
    child,
    pid: child.pid,
    exited,
    output,
    alive,
    /** Waits until the output contains `text`; false after `timeoutMs`. */
    async waitForOutput(text, waitMs = 3000) {
      const deadline = Date.now() + waitMs;
      while (!output().includes(text) && Date.now() < deadline) await sleep(25);
      return output().includes(text);
    },
    signal(signal) {
      if (alive()) child.kill(signal);
    },
    /** Sends `signal`; a process still alive after `graceMs` is killed, so none is left behind. */
    async stop(signal = "SIGTERM", graceMs = 15_000) {
      if (alive()) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exit;
        clearTimeout(timer);
      }
      // Its last lines may still be in the pipes (a grandchild could hold them open: bounded).
      await Promise.race([exited, sleep(1000)]);
      return exit;
    },
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!error) return resolve(handle);
      child.kill("SIGKILL");
      reject(new Error(`${name} ${error}; its output ends:\n${lastLines(output())}`));
    };
    const timer = setTimeout(
      () => settle(`did not start in ${timeoutMs / 1000} s${readyUrl ? ` (${readyUrl})` : ""}`),
      timeoutMs,
    );
    child.once("error", (error) => settle(`could not be started: ${error.message}`));
    child.once("exit", (code, signal) => settle(`exited (${signal ?? code}) before it was ready`));
    if (readyUrl) {
      const poll = async () => {
        while (!settled) {
          const ok = await fetch(readyUrl, { signal: AbortSignal.timeout(1000) }).then(
            (response) => response.ok,
            () => false,
          );
          if (ok) return settle();
          await sleep(100);
        }
      };
      poll();
    } else {
      // Only the newest output (with a little before it, for a line split across chunks), and
      // only until the process is ready.
      let tail = "";
      const watch = (chunk) => {
        const text = tail + String(chunk);
        tail = text.slice(-200);
        if (ready.test(text)) {
          child.stdout?.off("data", watch);
          settle();
        }
      };
      child.stdout?.on("data", watch);
    }
  });
}

/** The server's Node flags, shared with deploy/Dockerfile's CMD (deploy/server-node-flags). */
export const SERVER_NODE_FLAGS = readFileSync(
  new URL("../../deploy/server-node-flags", import.meta.url),
  "utf8",
)
  .split("\n")
  .filter((line) => !line.startsWith("#"))
  .join(" ")
  .split(/\s+/)
  .filter(Boolean);

/**
 * The server bundle on `port` (default: a free one); the handle's `url` is where it answers.
 * Ready when it logs "Server listening", or once `readyUrl` answers (with `discardStdout`:
 * /healthz).
 */
export async function startApp({
  port,
  env = {},
  nodeArgs = [],
  name,
  discardStdout = false,
  readyUrl,
  ...options
}) {
  const appPort = port ?? (await freePort());
  const url = `http://localhost:${appPort}`;
  const handle = await startProcess({
    name: name ?? `server on ${appPort}`,
    args: [...SERVER_NODE_FLAGS, ...nodeArgs, SERVER_BUNDLE],
    env: { ...env, PORT: String(appPort) },
    ready: /Server listening/,
    readyUrl: readyUrl ?? (discardStdout ? `${url}/healthz` : undefined),
    discardStdout,
    ...options,
  });
  return Object.assign(handle, { url, port: appPort });
}

/**
 * Waits until the server's Redis connection is up (its /readyz says so; results are reused for
 * up to a second). Until then its limiters count in memory, on purpose: checks of shared counts
 * wait for this first.
 */
export async function redisReady(server, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await fetch(`${server.url}/readyz`).then(
      (response) => response.json(),
      () => null,
    );
    if (ready?.checks?.redis?.status === "up") return;
    await sleep(100);
  }
  throw new Error(`${server.url}: Redis not ready after ${timeoutMs} ms`);
}

export const serverNodeModules = join(".wasp/out/server", "node_modules");

/** Whether nothing listens on 127.0.0.1:`port` right now (port 0: any free port, resolved). */
function probePort(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

/** A TCP port nothing listens on right now. */
export async function freePort() {
  const port = await probePort(0);
  if (port === null) throw new Error("no free TCP port");
  return port;
}

export const portFree = async (port) => (await probePort(port)) !== null;
