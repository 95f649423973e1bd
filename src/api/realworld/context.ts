import type { Response } from "express";
import { env } from "wasp/server";
import type { TokenConfig } from "../../auth/jwt";
import { verificationPolicy } from "../../auth/verification";
import type { Viewer } from "../../shared/viewer";
import { serviceDeps } from "../../server/serviceDeps";

// What a RealWorld handler needs to call a service: who the token speaks for (set by the
// namespace middleware) and the configured dependencies.

/** The caller, the refresh family of their token, and the token itself (RealWorld echoes it). */
export type Principal = { viewer: Viewer; familyId: string; token: string };

// The same signed, revocable access tokens as /api/v1, for longer: RealWorld clients keep one
// token and cannot refresh it. The family's refresh row expires with it.
export const realworldTokens: TokenConfig = {
  secret: env.API_JWT_SECRET,
  accessTtlSeconds: env.REALWORLD_TOKEN_TTL_SECONDS,
  refreshTtlSeconds: env.REALWORLD_TOKEN_TTL_SECONDS,
};

export const principalOf = (res: Response) => res.locals.principal as Principal | undefined;

export function deps() {
  return {
    ...serviceDeps(),
    config: realworldTokens,
    verification: verificationPolicy,
    adminEmails: env.ADMIN_EMAILS,
  };
}
