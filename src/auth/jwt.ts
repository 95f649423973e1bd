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
  const userId = Number(payload.sub);
  if (!Number.isSafeInteger(userId) || userId < 1 || !payload.jti || !payload.exp) {
    throw invalid("The access token is invalid");
  }
  if (typeof payload.sid !== "string") throw invalid("The access token is invalid");
  return { userId, familyId: payload.sid };
}
