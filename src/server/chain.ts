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

// Wasp mounts its global stack as one Express layer per entry, at each of its mounts
// (`router.use("/auth", ...stack, auth)`, the same for "/operations"), so every request paid a
// path match per entry and mount: twenty-two layers before a REST request reached its
// namespace, eleven matched (each cutting and restoring req.url) on every web operation. The
// stack is handed to Wasp as one chain instead; the REST namespaces, which edit it by name,
// get the named entries back with stackOf.
const STACK = Symbol("inkwell.stack");
type Stack = Map<string, RequestHandler>;

/** The entries of `stack`, in order, as one middleware that remembers them by name. */
export function namedChain(name: string, stack: Stack): Stack {
  return new Map([[name, Object.assign(chain([...stack.values()]), { [STACK]: stack })]]);
}

/** The named entries of a config namedChain made (a copy to edit), else a copy of it. */
export function stackOf(config: Stack): Stack {
  const [only, ...rest] = [...config.values()];
  const named = rest.length === 0 ? (only as { [STACK]?: Stack } | undefined)?.[STACK] : undefined;
  return new Map(named ?? config);
}
