import { randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { AppError } from "../shared/errors";

// Access tokens for REST clients. HS256 is pinned on verify (no `alg: none`, no algorithm
// confusion) and issuer, audience, subject, expiry and id are all required.
const ALGORITHM = "HS256";
export const ISSUER = "inkwell";
export const AUDIENCE = "inkwell-api";

export type TokenConfig = { secret: string; accessTtlSeconds: number; refreshTtlSeconds: number };

export type AccessClaims = { userId: number; familyId: string };

export function signAccessToken(claims: AccessClaims, config: TokenConfig): string {
  return jwt.sign({ sid: claims.familyId }, config.secret, {
    algorithm: ALGORITHM,
    issuer: ISSUER,
    audience: AUDIENCE,
    subject: String(claims.userId),
    expiresIn: config.accessTtlSeconds,
    jwtid: randomUUID(),
  });
}

const INT_MAX = 2_147_483_647;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (detail: string) => new AppError("UNAUTHENTICATED", detail);

export function verifyAccessToken(token: string, config: TokenConfig): AccessClaims {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, config.secret, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
    });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw invalid("The access token has expired");
    throw invalid("The access token is invalid");
  }
  if (typeof payload === "string") throw invalid("The access token is invalid");
  // Claims reach database queries: a user id must fit the Int column and the session family is
  // always a UUID (tokens.service.ts), so anything else is refused before any query.
  const userId = Number(payload.sub);
  if (!Number.isSafeInteger(userId) || userId < 1 || userId > INT_MAX) {
    throw invalid("The access token is invalid");
  }
  if (!payload.jti || !payload.exp) throw invalid("The access token is invalid");
  if (typeof payload.sid !== "string" || !UUID.test(payload.sid)) {
    throw invalid("The access token is invalid");
  }
  return { userId, familyId: payload.sid };
}
