import { prisma } from "wasp/server";
import { feedCache } from "../cache";

// What the feature services are handed by both transports (the Wasp operations and the REST
// handlers' deps()): the database and the feed cache, built here once. Who is asking comes in
// as the Viewer; where the request came from is the request context (src/observability/requestContext.ts).
export const serviceDeps = () => ({ db: prisma, cache: feedCache() });
