import { env } from "wasp/server";
import { clientIp, limiter } from "../../server/limits/limiter";
import { claimsOf } from "./context";

/**
 * Every /api/v1 request, counted before anything else looks at it (body, token lookup): per
 * user when it carries an access token with a valid signature (checked in memory, no query;
 * a revoked one still counts against its user), else per IP.
 */
const apiLimit = (signedIn: boolean) =>
  signedIn ? env.RATE_LIMIT_USER_PER_MIN : env.RATE_LIMIT_ANON_PER_MIN;
export const apiRateLimit = limiter(
  "api",
  {
    windowMs: 60_000,
    limit: (_req, res) => apiLimit(claimsOf(res) !== undefined),
    keyGenerator: (req, res) => {
      const claims = claimsOf(res);
      return claims ? `user:${claims.userId}` : `ip:${clientIp(req)}`;
    },
  },
  (key) => apiLimit(key.startsWith("user:")),
);
