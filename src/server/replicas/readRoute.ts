import { AppError } from "../../shared/errors";
import { metrics } from "../../observability/metrics";
import type { ReadRoute, SqlRunner } from "../../shared/sql";
import type { Viewer } from "../../shared/viewer";
import { serviceDeps } from "../serviceDeps";
import { replicaSet, writeFloors } from ".";
import { maxLsn, type Lsn } from "./lsn";
import type { Replica, ReplicaSet } from "./replicaSet";

// What the read-only use cases are handed (feed, post, profile, tag and comment pages): the
// services' usual dependencies, with reads sent to a replica that is in rotation and has
// replayed the viewer's last write. Writes, reads inside a write, sign-in and session checks and
// the admin pages keep serviceDeps() (the primary). Without DATABASE_REPLICA_URLS this is
// serviceDeps() itself. A read that fails on a replica is run again on the primary, so a replica
// going down between two polls costs latency, not an error.

export type ReadDeps = ReturnType<typeof serviceDeps> & { reads?: ReadRoute };

// The statement's own fault (bad input, syntax): the primary would refuse it too.
const queryFault = (error: unknown) => /^(22|42)/.test(String((error as { code?: unknown }).code));

/** A runner that picks a replica per statement by `floorWith(floor)`, else the primary. */
export function routedSql(
  set: ReplicaSet,
  floorWith: (floor?: Lsn) => Lsn | undefined,
  primary: SqlRunner,
  onReplica: (replica: Replica) => void = () => {},
) {
  return (floor?: Lsn): SqlRunner =>
    async <Row>(name: string, text: string, values: unknown[]) => {
      const replica = set.pick(floorWith(floor));
      if (replica) {
        onReplica(replica);
        try {
          const rows = await replica.sql<Row>(name, text, values);
          metrics.dbRead(replica.name);
          return rows;
        } catch (error) {
          if (queryFault(error)) throw error;
          set.failed(replica, error);
        }
      }
      metrics.dbRead("primary");
      return primary<Row>(name, text, values);
    };
}

/** serviceDeps() for a read by `viewer`, routed as above. */
export async function readDeps(
  viewer: Viewer | null,
): Promise<ReadDeps & { usedReplica(): Replica | null; prismaReplica(): Replica | null }> {
  const base = serviceDeps();
  const set = replicaSet();
  if (!set) return { ...base, usedReplica: () => null, prismaReplica: () => null };
  // The viewer's floor: one Redis GET, only for signed-in readers (anonymous ones never wrote).
  const own = viewer ? await writeFloors().floorOf(viewer.id) : undefined;
  let used: Replica | null = null;
  const sqlAt = routedSql(
    set,
    (floor) => maxLsn(own, floor),
    base.sql,
    (r) => (used = r),
  );
  // Prisma's reads (profiles, comments) use one target per call, chosen when first touched.
  let chosen: Replica | null | undefined;
  return {
    ...base,
    reads: { sql: sqlAt },
    sql: sqlAt(),
    get db() {
      if (chosen === undefined) {
        chosen = set.pick(own);
        used ??= chosen;
        metrics.dbRead(chosen?.name ?? "primary");
      }
      return chosen ? (chosen.db as typeof base.db) : base.db;
    },
    usedReplica: () => used,
    prismaReplica: () => chosen ?? null,
  };
}

/**
 * Runs a read-only use case with readDeps(viewer); if it fails after reading from a replica, it
 * runs again on the primary. A 404 too: "not found" must never be an artefact of replica lag
 * (a link shared a moment after publishing). The statement runner has already retried its own
 * failures; a Prisma failure takes the replica out of rotation until its next good poll.
 */
export async function readWith<T>(
  viewer: Viewer | null,
  work: (deps: ReadDeps) => Promise<T>,
): Promise<T> {
  const deps = await readDeps(viewer);
  try {
    return await work(deps);
  } catch (error) {
    const replica = deps.usedReplica();
    if (!replica) throw error;
    const prisma = deps.prismaReplica();
    if (prisma && !(error instanceof AppError)) replicaSet()?.failed(prisma, error);
    return work(serviceDeps());
  }
}
