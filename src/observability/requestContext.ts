import { AsyncLocalStorage } from "node:async_hooks";
import type { Request } from "express";

// The request being served, for code that is not handed `req`: Wasp operations, Wasp's auth
// hooks and the services under them. httpLogging sets it once per request, around everything
// after it, and audit() reads it, so every audit row names the request it came from whichever
// transport carried it.

/** Longer user agents are cut: the header is the client's to fill, the audit row ours to keep. */
export const USER_AGENT_MAX = 512;

export type RequestContext = {
  readonly requestId: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** The Wasp web session that authenticated the request (Wasp's auth middleware sets it). */
  readonly sessionId: string | null;
};

const storage = new AsyncLocalStorage<RequestContext>();

// One class rather than an object literal with getters: the literal would make three new
// closures per request. `ip` and `sessionId` are read when asked for: `req.ip` depends on the
// trust proxy setting and costs a parse, and Wasp's auth middleware, which sets the session,
// runs after this one.
class Context implements RequestContext {
  constructor(
    readonly requestId: string,
    private readonly req: Request,
  ) {}
  get ip() {
    return this.req.ip ?? null;
  }
  get userAgent() {
    return this.req.headers["user-agent"]?.slice(0, USER_AGENT_MAX) || null;
  }
  get sessionId() {
    return (this.req as Request & { sessionId?: string | null }).sessionId ?? null;
  }
}

/** Runs `next` (the rest of the middleware chain) with `req` as the current request. */
export function runInRequestContext(req: Request, requestId: string, next: () => void) {
  storage.run(new Context(requestId, req), next);
}

/** The request being served, or undefined outside one (scripts, timers, startup). */
export const currentRequest = (): RequestContext | undefined => storage.getStore();
