import { prisma } from "wasp/server";
import { feedCache } from "../cache";
import { poolSql } from "../shared/sql";
import { pgPool } from "./prisma";

// What the feature services are handed by both transports (the Wasp operations and the REST
// handlers' deps()): the database, its pool for the hand-written reads, and the feed cache,
// built here once. Who is asking comes in as the Viewer; where the request came from is the
// request context (src/observability/requestContext.ts).
const sql = poolSql(pgPool());
export const serviceDeps = () => ({ db: prisma, sql, cache: feedCache() });
