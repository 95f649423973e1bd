import type { NextFunction, Request, Response } from "express";
import type { Options } from "express-rate-limit";
import { env } from "wasp/server";
import { isApiRequest, isRealWorldRequest } from "../../shared/apiRequest";
import { normalizeEmail } from "../../shared/email";
import { clientIp, limiter, refuse, tooMany } from "./limiter";

// Sign-in budgets, shared by every door: the routes of both REST doors and the web app's Wasp
// auth routes count against the same per-IP and per-account windows (same store keys).
const authIp: Partial<Options> = {
  windowMs: 60_000,
  limit: env.RATE_LIMIT_AUTH_IP_PER_MIN,
  keyGenerator: (req) => clientIp(req),
};
type SignInBody = { email?: unknown; user?: { email?: unknown } } | undefined;
// RealWorld wraps the credentials in an envelope: { "user": { "email", "password" } }.
const emailOf = (req: Request) => {
  const body = req.body as SignInBody;
  return isRealWorldRequest(req) ? body?.user?.email : body?.email;
};
// Keyed on the very account the login will look up (normalizeEmail, as the login schema and the
// web door's body normalisation use), so no spelling of an address gets a budget of its own.
const authAccount: Partial<Options> = {
  windowMs: 15 * 60_000,
  limit: env.RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN,
  keyGenerator: (req) => normalizeEmail(String(emailOf(req))),
  skip: (req) => typeof emailOf(req) !== "string",
};

// The web app reads Wasp's error shape ({ message }), so its refusals use that shape.
export function tooManyForWeb(req: Request, res: Response, _next: NextFunction, options: Options) {
  const seconds = refuse(req, res, options);
  const what = options.identifier === "web" ? "requests" : "attempts";
  res.status(429).json({ message: `Too many ${what}. Try again in ${seconds} s.` });
}

// One limiter per sign-in budget, for both doors (one store, so the in-process fallback
// counts both too); each refusal is answered in the shape of the door it came through.
function tooManySignIns(req: Request, res: Response, next: NextFunction, options: Options) {
  const answer = isApiRequest(req) || isRealWorldRequest(req) ? tooMany : tooManyForWeb;
  answer(req, res, next, options);
}

/** Login, register and refresh: strict per IP. */
export const authIpRateLimit = limiter("auth-ip", { ...authIp, handler: tooManySignIns });

/** Login and register: strict per account, whichever IPs the attempts come from. */
export const authAccountRateLimit = limiter("auth-account", {
  ...authAccount,
  handler: tooManySignIns,
});
