import type { Request, RequestHandler, Response } from "express";
import { logger } from "../../observability/logger";
import { WASP_MOUNTS } from "../waspMounts";
import { writeFloors } from ".";

// Read-your-writes, the write side: after any request that may have written for a signed-in
// user (every REST POST/PUT/PATCH/DELETE, every Wasp action), the primary's WAL position is
// stored for that user (writePositions.ts) *before* the answer leaves, so the user's next read,
// on any instance, waits for a replica that has it or goes to the primary. One place for every
// route: a service that forgets to declare a write cannot break the guarantee. Installed only
// when DATABASE_REPLICA_URLS is set (src/app/middleware.ts).

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Wasp sends queries and actions alike as POST /operations/<name>; its queries here are all
// named get… or search… (an action named so would only lose the guarantee; none is).
const WASP_QUERY = /^\/(get|search)-/;

type Authed = Request & { user?: { id?: number } | null };

/** The user a request wrote for: a REST token's subject, or the browser session's user. */
const writerOf = (req: Authed, res: Response): number | undefined =>
  (res.locals.principal as { viewer?: { id: number } } | undefined)?.viewer?.id ?? req.user?.id;

export const recordWrites: RequestHandler = (req, res, next) => {
  if (READ_METHODS.has(req.method) || res.locals.recordsWrites) return next();
  if (req.baseUrl.toLowerCase() === WASP_MOUNTS.operations && WASP_QUERY.test(req.path))
    return next();
  res.locals.recordsWrites = true;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  // Every answer ends in res.end: hold it until the position is stored. The handler has
  // committed by then (it is answering), and the client cannot send its next read before this.
  res.end = ((...args: unknown[]) => {
    const userId = writerOf(req as Authed, res);
    if (userId === undefined) return end(...args);
    writeFloors()
      .record(userId)
      .catch((error: unknown) =>
        logger.warn({ err: error }, "read-your-writes position not stored"),
      )
      .finally(() => end(...args));
    return res;
  }) as Response["end"];
  next();
};
