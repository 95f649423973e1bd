import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { logger } from "../../observability/logger";
import { metrics } from "../../observability/metrics";
import { poolSql, type SqlRunner } from "../../shared/sql";
import { parseLsn, type Lsn } from "./lsn";

// The PostgreSQL standbys named in DATABASE_REPLICA_URLS, and what this process knows of each.
// Every `pollMs` it reads the primary's WAL position and each replica's replay position, each on
// a one-connection pool of its own (so a busy read pool never delays the measurement). A replica
// is lent to reads only while its last poll succeeded and its lag is within `maxLagMs`; it leaves
// rotation when a poll or a read on it fails, and comes back at its next good poll.
//
// Lag is time, not bytes: how long ago the primary was at a position the replica has not yet
// replayed (from the primary's recent positions). An idle primary therefore shows no lag, and a
// standby held back by recovery_min_apply_delay shows that delay. It is measured to within one
// poll interval. Replay positions only grow, so the last one polled is a safe lower bound for
// the read-your-writes and cache checks (readRoute.ts).

export type ReplicaState = "starting" | "in rotation" | "lagging" | "down";

export type Replica = {
  readonly name: string;
  readonly sql: SqlRunner;
  readonly db: PrismaClient;
  state: ReplicaState;
  /** The last replay position polled (undefined before the first good poll). */
  replayed?: Lsn;
  lagMs?: number;
  error?: string;
};

export interface ReplicaSet {
  readonly replicas: readonly Replica[];
  /** A replica in rotation whose replay has passed `floor` (round robin), or null: the primary. */
  pick(floor?: Lsn): Replica | null;
  /** A read on `replica` failed: out of rotation until a poll finds it well again. */
  failed(replica: Replica, error: unknown): void;
  close(): Promise<void>;
}

export type ReplicaSetOptions = {
  urls: string[];
  primaryUrl: string;
  maxLagMs: number;
  pollMs: number;
};

const pollPool = (connectionString: string) => {
  // One connection, bounded waits: a replica that black-holes packets must not stall the loop.
  const pool = new pg.Pool({
    connectionString,
    max: 1,
    connectionTimeoutMillis: 1000,
    query_timeout: 1000,
  });
  pool.on("error", () => {}); // the next poll reports the outage
  return pool;
};

export function startReplicaSet({
  urls,
  primaryUrl,
  maxLagMs,
  pollMs,
}: ReplicaSetOptions): ReplicaSet {
  const primaryPoll = pollPool(primaryUrl);
  // The primary's recent positions, oldest first, with when each was read.
  const samples: { at: number; lsn: Lsn }[] = [];
  const keepMs = Math.max(2 * maxLagMs, 10_000);
  const pools: pg.Pool[] = [primaryPoll];
  let next = 0;
  let closed = false;
  const timers = new Set<NodeJS.Timeout>();

  const replicas: Replica[] = urls.map((url, index) => {
    const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 1000 });
    pool.on("error", (error) =>
      logger.warn({ err: error, replica: index + 1 }, "replica connection lost"),
    );
    pools.push(pool);
    return {
      name: `replica${index + 1}`,
      sql: poolSql(pool),
      db: new PrismaClient({ adapter: new PrismaPg(pool) }),
      state: "starting",
    };
  });

  /**
   * How long ago the primary was at a position past `replayed`; 0 when it has been there since.
   * Undefined while that cannot be told yet: behind every position polled so far, when the first
   * was polled less than `maxLagMs` ago (just after start), so a far-behind replica is not taken
   * for a fresh one.
   */
  const lagOf = (replayed: Lsn, now: number) => {
    const ahead = samples.find((sample) => sample.lsn > replayed);
    if (!ahead) return samples.length ? 0 : undefined;
    if (ahead === samples[0] && now - ahead.at < maxLagMs) return undefined;
    return now - ahead.at;
  };

  const setState = (replica: Replica, state: ReplicaState, error?: string) => {
    if (state !== replica.state && (state === "in rotation" || replica.state !== "starting")) {
      logger.info(
        { replica: replica.name, from: replica.state, to: state, error },
        "replica state",
      );
    }
    replica.state = state;
    replica.error = error;
    metrics.replica(replica.name, (replica.lagMs ?? 0) / 1000, state === "in rotation");
  };

  const loop = (work: () => Promise<void>) => {
    const tick = async () => {
      timers.delete(timer);
      await work().catch(() => {});
      if (!closed) timers.add((timer = setTimeout(tick, pollMs)));
    };
    let timer = setTimeout(tick, 0);
    timers.add(timer);
  };

  loop(async () => {
    const { rows } = await primaryPoll.query<{ lsn: string }>(
      "SELECT pg_current_wal_lsn()::text AS lsn",
    );
    const now = performance.now();
    samples.push({ at: now, lsn: parseLsn(rows[0]!.lsn) });
    while (samples.length > 1 && samples[0]!.at < now - keepMs) samples.shift();
  });

  replicas.forEach((replica, index) => {
    const poll = pollPool(urls[index]!);
    pools.push(poll);
    loop(async () => {
      try {
        const { rows } = await poll.query<{ lsn: string | null; standby: boolean }>(
          "SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_is_in_recovery() AS standby",
        );
        const row = rows[0]!;
        // A promoted (or mistyped) server is no standby of this primary: never read from it.
        if (!row.standby || !row.lsn) return setState(replica, "down", "not a standby in recovery");
        replica.replayed = parseLsn(row.lsn);
        const lag = lagOf(replica.replayed, performance.now());
        if (lag === undefined) return setState(replica, "starting", "lag not measured yet");
        replica.lagMs = Math.round(lag);
        setState(
          replica,
          replica.lagMs <= maxLagMs ? "in rotation" : "lagging",
          replica.lagMs <= maxLagMs ? undefined : `lags ${replica.lagMs} ms (max ${maxLagMs} ms)`,
        );
      } catch (error) {
        setState(replica, "down", error instanceof Error ? error.message : String(error));
      }
    });
  });

  return {
    replicas,
    pick(floor) {
      for (let i = 0; i < replicas.length; i++) {
        const replica = replicas[(next + i) % replicas.length]!;
        if (replica.state !== "in rotation" || replica.replayed === undefined) continue;
        if (floor !== undefined && replica.replayed < floor) continue;
        next = (next + i + 1) % replicas.length;
        return replica;
      }
      return null;
    },
    failed(replica, error) {
      setState(replica, "down", error instanceof Error ? error.message : String(error));
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(replicas.map((replica) => replica.db.$disconnect().catch(() => {})));
      await Promise.all(pools.map((pool) => pool.end().catch(() => {})));
    },
  };
}
