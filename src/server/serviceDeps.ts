import { prisma } from "wasp/server";
import { feedCache } from "../cache";
import type { FeedCache } from "../cache/feedCache";
import { poolSql } from "../shared/sql";
import { pgPool } from "./prisma";
import { primaryPosition, replicaSet } from "./replicas";

// What the feature services are handed by both transports (the Wasp operations and the REST
// handlers' deps()): the database, its pool for the hand-written reads, and the feed cache,
// built here once. Who is asking comes in as the Viewer; where the request came from is the
// request context (src/observability/requestContext.ts).
// With read replicas the cache stores each version's WAL floor (src/server/replicas/).
const sql = poolSql(pgPool());
let cache: FeedCache | undefined;
const cacheOf = () =>
  (cache ??= feedCache({ position: replicaSet() ? primaryPosition : undefined }));
export const serviceDeps = () => ({ db: prisma, sql, cache: cacheOf() });
