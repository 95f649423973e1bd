import { prisma } from "wasp/server";
import { feedCache } from "../cache";
import { sqlPool } from "./sqlPool";

// What the feature services are handed by both transports (the Wasp operations and the REST
// handlers' deps()): the database (Prisma, and its pool for the hottest statements) and the
// feed cache, built here once. Who is asking comes in as the Viewer; where the request came
// from is the request context (src/observability/requestContext.ts).
export const serviceDeps = () => ({ db: prisma, sql: sqlPool(), cache: feedCache() });
