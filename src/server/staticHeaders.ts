import type { NextFunction, Request, RequestHandler, Response } from "express";

// Helmet sets the same headers on every response (its defaults depend on nothing in the
// request), but does it through a chain of fourteen middleware calls per request: on the web
// app's queries that chain cost as much as serving the cached page itself. Run once at start
// against a recording response, the same middleware yields the list of what it sets; each
// request then gets that list set in one loop. A middleware that does anything else at start
// (reads the request, reads a header, answers, fails, goes asynchronous) is kept as it is.

type Recorded = { set: [string, string][]; removed: string[] };

function record(middleware: RequestHandler): Recorded | null {
  const recorded: Recorded = { set: [], removed: [] };
  let ok = true;
  let passed = false;
  const response = {
    setHeader(name: string, value: unknown) {
      if (typeof value !== "string") ok = false;
      recorded.set.push([name, String(value)]);
      return response;
    },
    removeHeader(name: string) {
      recorded.removed.push(name);
    },
    // Anything else it would touch means it is not a fixed set.
    getHeader: () => ((ok = false), undefined),
  };
  // Reading anything of the request means the headers may depend on it.
  const request = new Proxy(
    {},
    {
      get: () => {
        ok = false;
        return undefined;
      },
    },
  );
  try {
    middleware(request as Request, response as unknown as Response, (error?: unknown) => {
      passed = !error;
    });
  } catch {
    return null;
  }
  return ok && passed ? recorded : null;
}

/** The headers `middleware` sets, set from a list made once at start (else `middleware`). */
export function precomputedHeaders(middleware: RequestHandler): RequestHandler {
  const recorded = record(middleware);
  if (!recorded) return middleware;
  const { set, removed } = recorded;
  return (_req: Request, res: Response, next: NextFunction) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}

/** What `precomputedHeaders` found `middleware` sets (null: it is not a fixed set). */
export const headersSetBy = (middleware: RequestHandler) => record(middleware)?.set ?? null;
