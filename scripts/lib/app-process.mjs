// Starting the built server (the production bundle) and its database for the benchmark and the
// fault-injection scripts, the way production runs it.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { probe, recreateDatabase, redact } from "./database.mjs";
import { run } from "./process.mjs";
import { hasRedisServer, pingRedis, startRedisServer } from "./redis.mjs";

export const SERVER_BUNDLE = ".wasp/out/server/bundle/server.js";

/** Fails early (before any seeding) when the server bundle has not been built. */
export function requireServerBundle() {
  if (!existsSync(SERVER_BUNDLE)) {
    throw new Error(
      "No server bundle: run npm test (or wasp compile + npm --prefix .wasp/out/server run bundle) first",
    );
  }
}

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

/**
 * Spawns `node args…` and resolves once its output matches `ready`, or, given `readyUrl`, once
 * that answers 200 (its stdout is then discarded).
 */
export function startNodeProcess(name, args, env, ready = /listening|ready/i, readyUrl) {
  // An env value of undefined removes that variable (e.g. to fall back to a default).
  const merged = Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined);
  const child = spawn(process.execPath, args, {
    env: Object.fromEntries(merged),
    stdio: ["ignore", readyUrl ? "ignore" : "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk) => (output = (output + chunk).slice(-200_000));
  child.stdout?.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const handle = {
    child,
    exited,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    /** Sends `signal`; a process still alive after `graceMs` is killed, so none is left behind. */
    async stop(signal = "SIGTERM", graceMs = 15_000) {
      if (!handle.alive()) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 30_000);
    const started = () => {
      clearTimeout(timer);
      resolve(handle);
    };
    if (readyUrl) {
      const poll = () =>
        fetch(readyUrl)
          .then((response) => (response.ok ? started() : setTimeout(poll, 100)))
          .catch(() => handle.alive() && setTimeout(poll, 100));
      poll();
    }
    child.stdout?.on("data", () => {
      if (ready.test(output)) started();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}):\n${output}`));
    });
  });
}

/**
 * The server bundle on `port`; the handle's `url` is where it answers. With `discardStdout`,
 * its stdout (the access log) goes to /dev/null instead of this process, which would otherwise
 * spend its own CPU reading every line; readiness is then seen on /healthz.
 */
export async function startApp({
  port,
  env,
  nodeArgs = [],
  name = `app on ${port}`,
  discardStdout = false,
}) {
  const url = `http://127.0.0.1:${port}`;
  const handle = await startNodeProcess(
    name,
    [...nodeArgs, SERVER_BUNDLE],
    { ...env, PORT: String(port) },
    /Server listening/,
    discardStdout ? `${url}/healthz` : undefined,
  );
  return Object.assign(handle, { url });
}

export const serverNodeModules = join(".wasp/out/server", "node_modules");

/** A TCP port nothing listens on right now. */
export async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
