import { env } from "wasp/server";
import { redis, redisPrefix } from "../../cache/redis";
import { registerReadinessCheck, type CheckResult } from "../../observability/health";
import { onShutdown } from "../../observability/shutdown";
import { pgPool } from "../prisma";
import { parseLsn, type Lsn } from "./lsn";
import { startReplicaSet, type Replica, type ReplicaSet } from "./replicaSet";
import { writePositions, type WritePositions } from "./writePositions";

// The process's read replicas, built on first use from DATABASE_REPLICA_URLS; null without it,
// and then nothing of this folder runs (no poll, no extra query, no Redis key).

let set: ReplicaSet | null | undefined;
let floors: WritePositions | undefined;

export const replicaUrls = () =>
  env.DATABASE_REPLICA_URLS.split(",")
    .map((url) => url.trim())
    .filter(Boolean);

/** The primary's current WAL position: read after a commit, it is at or past that commit. */
export async function primaryPosition(): Promise<Lsn> {
  const { rows } = await pgPool().query<{ lsn: string }>({
    name: "primary_wal_position",
    text: "SELECT pg_current_wal_lsn()::text AS lsn",
  });
  return parseLsn(rows[0]!.lsn);
}

// Replicas are never critical: without them every read goes to the primary. Their state is in
// /readyz's details (internal callers) so an operator sees which one left rotation and why.
const checkOf = (replica: Replica) => async (): Promise<CheckResult> => ({
  status:
    replica.state === "in rotation" ? "up" : replica.state === "lagging" ? "degraded" : "down",
  lagMs: replica.lagMs,
  error: replica.error && `${replica.error}; reads go to the primary or another replica`,
});

export function replicaSet(): ReplicaSet | null {
  if (set !== undefined) return set;
  const urls = replicaUrls();
  if (urls.length === 0) return (set = null);
  const started = startReplicaSet({
    urls,
    primaryUrl: process.env.DATABASE_URL ?? "",
    maxLagMs: env.REPLICA_MAX_LAG_MS,
    pollMs: env.REPLICA_POLL_MS,
  });
  for (const replica of started.replicas) {
    registerReadinessCheck({ name: replica.name, critical: false, run: checkOf(replica) });
  }
  onShutdown("replicas", () => started.close());
  return (set = started);
}

/** Read-your-writes floors (writePositions.ts); only used when replicas are configured. */
export function writeFloors(): WritePositions {
  floors ??= writePositions({
    position: primaryPosition,
    redis: redis(),
    prefix: redisPrefix(),
    ttlMs: Math.max(30_000, 10 * env.REPLICA_MAX_LAG_MS),
  });
  return floors;
}
