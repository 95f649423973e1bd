import type { Request, Response } from "express";
import { env, prisma } from "wasp/server";
import type { RequestMeta } from "../../audit/audit.service";
import { feedCache } from "../../cache";
import type { AccessClaims, TokenConfig } from "../../auth/jwt";
import { verificationPolicy } from "../../auth/verification";
import { AppError } from "../../shared/errors";
import type { Viewer } from "../../shared/viewer";

// What a REST handler needs to call a service: the viewer the middleware authenticated, the
// request's identity for the audit trail, and the configured dependencies.
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

export const requestMeta = (req: Request, res: Response): RequestMeta => ({
  ip: req.ip ?? null,
  requestId: (res.locals.requestId as string | undefined) ?? null,
});

export function deps(req: Request, res: Response) {
  return {
    db: prisma,
    cache: feedCache(),
    config: tokenConfig,
    verification: verificationPolicy,
    adminEmails: env.ADMIN_EMAILS,
    meta: requestMeta(req, res),
  };
}
