import { createSecretKey, randomUUID, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import { AppError } from "../shared/errors";

// Access tokens for REST clients. HS256 is pinned on verify (no `alg: none`, no algorithm
// confusion) and issuer, audience, subject, expiry and id are all required. The header's `typ`
// is RFC 9068's "at+jwt" and is checked (RFC 8725 §3.11), so no other JWT signed with the same
// secret (now or later: an email link, an ID token) can pass for an access token.
const ALGORITHM = "HS256";
export const ACCESS_TOKEN_TYPE = "at+jwt";
export const ISSUER = "inkwell";
export const AUDIENCE = "inkwell-api";

export type TokenConfig = { secret: string; accessTtlSeconds: number; refreshTtlSeconds: number };

/**
 * `emailVerified` is whether the account's address was verified when the token was issued; a
 * verification never goes away, so a `true` stays true, while a `false` token must be renewed
 * (refresh) after the verification before it can act where verification is required.
 */
export type AccessClaims = { userId: number; familyId: string; emailVerified: boolean };

export function signAccessToken(claims: AccessClaims, config: TokenConfig): string {
  return jwt.sign(
    { sid: claims.familyId, email_verified: claims.emailVerified },
    keyOf(config.secret),
    {
      algorithm: ALGORITHM,
      header: { alg: ALGORITHM, typ: ACCESS_TOKEN_TYPE },
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: String(claims.userId),
      expiresIn: config.accessTtlSeconds,
      jwtid: randomUUID(),
    },
  );
}

// jsonwebtoken turns a string secret into a key on every call, first trying it as a public key
// (which throws): a few percent of an authenticated request. The key is made once per secret.
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, "utf8"))));
  return key;
}

const INT_MAX = 2_147_483_647;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (detail: string) => new AppError("UNAUTHENTICATED", detail);

export function verifyAccessToken(token: string, config: TokenConfig): AccessClaims {
  let decoded: jwt.Jwt;
  try {
    decoded = jwt.verify(token, keyOf(config.secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      complete: true,
    });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw invalid("The access token has expired");
    throw invalid("The access token is invalid");
  }
  const payload = decoded.payload;
  if (typeof payload === "string" || decoded.header.typ !== ACCESS_TOKEN_TYPE) {
    throw invalid("The access token is invalid");
  }
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
  return { userId, familyId: payload.sid, emailVerified: payload.email_verified === true };
}
