import type { Redis } from "ioredis";
import { metrics } from "../../observability/metrics";
import { fromStored, maxLsn, PRIMARY_ONLY, toStored, type Lsn } from "./lsn";

// Read-your-writes across instances. After a signed-in user's write commits, the primary's WAL
// position (pg_current_wal_lsn(), read after the commit, so at or past it) is stored for that
// user in Redis, where every instance looks before routing the user's next read: a replica
// may answer only once its replay has passed it. This instance also keeps it in memory, so its
// own writers are covered while Redis is down; but then another instance's write cannot be
// known, so a signed-in user's reads go to the primary until Redis answers again.
// The floor expires after `ttlMs`, far beyond REPLICA_MAX_LAG_MS: by then every replica still
// in rotation has replayed the write.

export interface WritePositions {
  /** Remembers the primary's current position for `userId` (call after their write commits). */
  record(userId: number): Promise<void>;
  /** What `userId`'s reads must have reached: undefined for none, PRIMARY_ONLY when unknown. */
  floorOf(userId: number): Promise<Lsn | undefined>;
}

export type WritePositionsOptions = {
  /** The primary's current WAL position. */
  position: () => Promise<Lsn>;
  /** Shared by all instances; null without REDIS_URL (one instance: memory is the truth). */
  redis: Redis | null;
  prefix: string;
  ttlMs: number;
};

type MaxPosition = (key: string, position: string, ttlMs: number) => Promise<string>;

export function writePositions({
  position,
  redis,
  prefix,
  ttlMs,
}: WritePositionsOptions): WritePositions {
  const local = new Map<number, { lsn: Lsn; expires: number }>();
  const keyOf = (userId: number) => `${prefix}replica:floor:${userId}`;
  const localFloor = (userId: number) => {
    const entry = local.get(userId);
    if (entry && entry.expires > Date.now()) return entry.lsn;
    local.delete(userId);
    return undefined;
  };

  return {
    async record(userId) {
      // Without the position (the primary failed right after the write) only the primary is safe.
      const lsn = await position().catch(() => PRIMARY_ONLY);
      if (local.size > 10_000) for (const [id] of local) if (!localFloor(id)) local.delete(id);
      local.set(userId, { lsn: maxLsn(localFloor(userId), lsn)!, expires: Date.now() + ttlMs });
      if (!redis) return;
      // Called as a method: ioredis commands need their connection as `this`.
      const scripts = redis as unknown as Record<"inkwellMaxPosition", MaxPosition>;
      await scripts
        .inkwellMaxPosition(keyOf(userId), toStored(lsn), ttlMs)
        .catch(() => metrics.redisError("replica_positions"));
    },
    async floorOf(userId) {
      const mine = localFloor(userId);
      if (!redis) return mine;
      try {
        const stored = await redis.get(keyOf(userId));
        return maxLsn(mine, stored ? fromStored(stored) : undefined);
      } catch {
        metrics.redisError("replica_positions");
        return PRIMARY_ONLY;
      }
    },
  };
}
