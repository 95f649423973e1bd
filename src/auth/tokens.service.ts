import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";
import { audit, type RequestMeta } from "../audit/audit.service";
import { metrics } from "../observability/metrics";
import { AppError } from "../shared/errors";
import { signAccessToken, type TokenConfig } from "./jwt";
import { isEmailVerified, mayAct, notVerified, type VerificationPolicy } from "./verification";

// Refresh tokens: opaque and random, stored only as a SHA-256 (they carry 256 bits of
// entropy, so a slow hash adds nothing). Each refresh rotates the token inside its family;
// a rotated token presented again means it leaked, so the whole family is revoked.
export type TokenDeps = {
  db: PrismaClient;
  config: TokenConfig;
  verification: VerificationPolicy;
  meta?: RequestMeta;
};

export type TokenPair = {
  accessToken: string;
  refreshToken: string;
  tokenType: "Bearer";
  expiresIn: number;
};

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const expired = () => new AppError("UNAUTHENTICATED", "The refresh token is invalid or expired");

/** Starts a new family (a login) or continues one (a refresh) inside the caller's transaction. */
export async function issueTokens(
  tx: Prisma.TransactionClient,
  account: { userId: number; emailVerified: boolean },
  config: TokenConfig,
  familyId: string = randomUUID(),
): Promise<TokenPair> {
  const { userId, emailVerified } = account;
  const refreshToken = randomBytes(32).toString("base64url");
  await tx.refreshToken.create({
    data: {
      userId,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + config.refreshTtlSeconds * 1000),
    },
  });
  return {
    accessToken: signAccessToken({ userId, familyId, emailVerified }, config),
    refreshToken,
    tokenType: "Bearer",
    expiresIn: config.accessTtlSeconds,
  };
}

export async function refreshTokens(
  rawToken: string,
  { db, config, verification, meta }: TokenDeps,
) {
  const current = await db.refreshToken.findUnique({
    where: { tokenHash: hashToken(rawToken) },
    include: { user: { select: { bannedAt: true } } },
  });
  if (!current || current.revokedAt || current.expiresAt <= new Date()) throw expired();
  if (current.user.bannedAt) throw expired();
  // Read afresh: a verification since the last refresh makes the new access token able to act.
  const emailVerified = await isEmailVerified(db, current.userId);
  if (!mayAct(verification, emailVerified)) {
    throw notVerified("Verify your email address (open the link sent to it), then refresh again");
  }

  const pair = await db.$transaction(async (tx) => {
    // Conditional update: of two concurrent refreshes with one token, exactly one wins.
    const { count } = await tx.refreshToken.updateMany({
      where: { id: current.id, rotatedAt: null, revokedAt: null },
      data: { rotatedAt: new Date() },
    });
    if (count === 0) return null;
    return issueTokens(tx, { userId: current.userId, emailVerified }, config, current.familyId);
  });
  if (pair) return pair;

  // The token was already rotated: someone is replaying it. End the whole family.
  await db.$transaction(async (tx) => {
    await revokeFamily(tx, current.familyId);
    await audit(tx, {
      actorId: current.userId,
      action: "auth.refresh_reuse",
      target: { type: "user", id: current.userId },
      metadata: { familyId: current.familyId },
      meta,
    });
  });
  metrics.authFailure("api", "refresh_reuse");
  throw expired();
}

export function revokeFamily(tx: Prisma.TransactionClient, familyId: string) {
  return tx.refreshToken.updateMany({
    where: { familyId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

/** Ends every REST session of a user (ban, password reset), or all but the family `keep`. */
export function revokeAllForUser(tx: Prisma.TransactionClient, userId: number, keep?: string) {
  return tx.refreshToken.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { familyId: { not: keep } } : {}) },
    data: { revokedAt: new Date() },
  });
}

/** The family a refresh token belongs to, if the token is known and belongs to `userId`. */
export async function familyOf(db: PrismaClient, rawToken: string, userId: number) {
  const token = await db.refreshToken.findUnique({
    where: { tokenHash: hashToken(rawToken) },
    select: { familyId: true, userId: true },
  });
  return token?.userId === userId ? token.familyId : null;
}

/**
 * Ends a user's sessions at both doors: browser sessions (Wasp's Session rows hang off Auth, not
 * User) and REST refresh families, except the one session `keep` names (a password change
 * keeps the session it was made in).
 */
export async function endSessions(
  tx: Prisma.TransactionClient,
  userId: number,
  keep: { sessionId?: string; familyId?: string } = {},
) {
  const sessions = await tx.session.deleteMany({
    where: { auth: { userId }, ...(keep.sessionId ? { id: { not: keep.sessionId } } : {}) },
  });
  const tokens = await revokeAllForUser(tx, userId, keep.familyId);
  return { sessionsEnded: sessions.count, tokensRevoked: tokens.count };
}
