import type { Response } from "express";
import { env } from "wasp/server";
import type { AccessClaims, TokenConfig } from "../../auth/jwt";
import { verificationPolicy } from "../../auth/verification";
import { AppError } from "../../shared/errors";
import type { Viewer } from "../../shared/viewer";
import { serviceDeps } from "../../server/serviceDeps";

// What a REST handler needs to call a service: the viewer the middleware authenticated and the
// configured dependencies. The request's identity for the audit trail (id, IP, user agent) is
// not passed: audit() reads it from the request context httpLogging opened.
export type Principal = { viewer: Viewer; familyId: string };

export const tokenConfig: TokenConfig = {
  secret: env.API_JWT_SECRET,
  accessTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
  refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
};

/** The claims of a bearer token whose signature checked out (not yet looked up). */
export const claimsOf = (res: Response) => res.locals.claims as AccessClaims | undefined;

export const principalOf = (res: Response) => res.locals.principal as Principal | undefined;

export const viewerOf = (res: Response): Viewer | null => principalOf(res)?.viewer ?? null;

export function requirePrincipal(res: Response): Principal {
  const principal = principalOf(res);
  if (!principal)
    throw new AppError("UNAUTHENTICATED", "Send an access token: Authorization: Bearer <token>");
  return principal;
}

// The handlers still hand in (req, res); nothing here needs them any more.
export function deps() {
  return {
    ...serviceDeps(),
    config: tokenConfig,
    verification: verificationPolicy,
    adminEmails: env.ADMIN_EMAILS,
  };
}
