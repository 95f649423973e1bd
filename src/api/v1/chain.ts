import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * The handlers, in order, as one middleware: what Express does with the layers of one mount
 * (a throw or a rejected promise goes to `next` as an error, so does any error a handler
 * passes on), without its per-layer work (a path match, and req.url and req.baseUrl cut and
 * restored around each layer), which the namespace's long stack paid on every request.
 */
export function chain(handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error) return next(error);
      const handler = handlers[index++];
      if (!handler) return next();
      try {
        const result = handler(req, res, step) as unknown;
        if (result instanceof Promise) {
          result.catch((rejected: unknown) => next(rejected ?? new Error("Rejected promise")));
        }
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
