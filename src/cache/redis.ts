import { Redis, type RedisOptions } from "ioredis";
import { env } from "wasp/server";
import { logger } from "../observability/logger";
import { redisTarget, type RedisTarget } from "./redisTarget";
import { defineScripts } from "./scripts";

// The one Redis connection of this process, or null when neither REDIS_URL nor REDIS_SENTINELS
// is set (redisTarget.ts; the other connections are duplicates of it). Tuned to fail
// fast: no offline queue (a command while disconnected errors at once instead of piling up),
// a short per-command timeout, and endless background reconnects, so a Redis outage costs
// each request at most a few milliseconds and recovery needs no restart.
export type RedisStatus = "not configured" | "ready" | "connecting" | "down";

let client: Redis | null | undefined;
const extraConnections: Redis[] = [];
let up: boolean | undefined;

// One line per change between up and down, not one per reconnect attempt.
function logState(nowUp: boolean, detail: string) {
  if (nowUp === up) return;
  up = nowUp;
  if (nowUp) logger.info({ redis: "up" }, `redis ${detail}`);
  else logger.warn({ redis: "down" }, `redis ${detail}`);
}

/** A connection to `target` with the app's tuning (above); the tests open theirs with it too. */
export function openRedis(target: RedisTarget, overrides: RedisOptions = {}): Redis {
  const tuning: RedisOptions = {
    ...target.options,
    enableOfflineQueue: false,
    // Commands issued in the same tick by concurrent requests go out as one write.
    enableAutoPipelining: true,
    maxRetriesPerRequest: 0,
    commandTimeout: env.REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2000,
    // Behind Sentinel a retry is a question to a sentinel and, once it names the promoted
    // replica, the reconnection: retried more often, so the promotion is noticed sooner.
    retryStrategy: (attempt) => Math.min(attempt * 200, target.options.sentinels ? 500 : 2000),
    ...overrides,
  };
  return target.url ? new Redis(target.url, tuning) : new Redis(tuning);
}

export function redis(): Redis | null {
  if (client !== undefined) return client;
  const target = redisTarget(env);
  if (!target) {
    logger.info("REDIS_URL is not set: caching and rate limits are in-process only");
    client = null;
    return client;
  }
  client = openRedis(target);
  // Before any command can be queued: see scripts.ts for the crash a later definition caused.
  defineScripts(client);
  client.on("ready", () => logState(true, "ready"));
  client.on("close", () => logState(false, "unavailable; reconnecting in the background"));
  client.on("error", (error: Error) => logState(false, `unavailable: ${error.message}`));
  return client;
}

export function redisStatus(): RedisStatus {
  const current = redis();
  if (!current) return "not configured";
  if (current.status === "ready") return "ready";
  return current.status === "connecting" || current.status === "reconnecting"
    ? "connecting"
    : "down";
}

/** Key prefix for everything this app stores in Redis (tests use their own). */
export const redisPrefix = () => env.REDIS_PREFIX;

/** Another connection with the same settings (e.g. for subscribing), closed with the main one. */
export function duplicateRedis(options: RedisOptions = {}): Redis {
  const connection = redis()!.duplicate(options);
  connection.on("error", () => {}); // the main connection logs Redis's state
  extraConnections.push(connection);
  return connection;
}

export async function closeRedis() {
  for (const connection of extraConnections) connection.disconnect();
  if (client) await client.quit().catch(() => client?.disconnect());
}
