import type { PrismaClient, Role } from "@prisma/client";
import { createProviderId, sanitizeAndSerializeProviderData } from "wasp/server/auth";
import { hashPassword, verifyPassword } from "wasp/auth/password";
import { audit, type RequestMeta } from "../audit/audit.service";
import { metrics } from "../observability/metrics";
import { AppError, prismaCode } from "../shared/errors";
import { parseInput } from "../shared/validation";
import type { Viewer } from "../shared/viewer";
import { availableUsername, requireFreeUsername, usernameTakenError } from "../users/handles";
import type { SqlRunner } from "../shared/sql";
import { userSelect } from "../users/users.service";
import { familyOf, issueTokens, revokeFamily, type TokenPair } from "./tokens.service";
import type { AccessClaims, TokenConfig } from "./jwt";
import { loginInput, logoutInput, registerInput } from "./auth.schemas";
import { promoteIfListed, roleForEmail } from "./admins";
import {
  emailIdentity,
  isEmailVerified,
  mayAct,
  notVerified,
  sendVerificationEmail,
  type VerificationPolicy,
} from "./verification";

// REST sign-up and login over the same identity store as the browser's Wasp email auth:
// one AuthIdentity row per user, one argon2 password hash, verified by Wasp's own function.
export type AuthDeps = {
  db: PrismaClient;
  config: TokenConfig;
  verification: VerificationPolicy;
  adminEmails: string;
  meta?: RequestMeta;
};

const invalidCredentials = () =>
  new AppError("UNAUTHENTICATED", "Invalid email or password", [], "credentials");

// Hashing against this when the email is unknown makes a failed login for a missing user cost
// the same argon2 work as a wrong password, so timing does not tell which it was (both doors).
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword("decoy password 0 that never matches"));
export const checkDecoyPassword = async (password: string) =>
  verifyPassword(await decoy(), password).catch(() => {});

export type RegisterOptions = {
  /**
   * Issue tokens even where verification is required and the address is not verified yet:
   * they cannot act until it is (authenticateClaims). For clients that expect a token from
   * sign-up whatever the policy (RealWorld's); others get none until they log in verified.
   */
  tokensBeforeVerification?: boolean;
};

/**
 * Registers an account. The handle is the one asked for, or one made from the name; the name
 * is the one given, or the handle. Token lifetimes are `deps.config`'s (RealWorld's door passes
 * its own longer ones: its clients keep one token).
 */
export async function register(
  rawInput: unknown,
  deps: AuthDeps,
  { tokensBeforeVerification = false }: RegisterOptions = {},
) {
  const input = parseInput(registerInput, rawInput);
  const { email, password } = input;
  const providerId = createProviderId("email", email);
  // A uniform answer: the email is not available, whether it is taken or reserved.
  const taken = () =>
    new AppError("CONFLICT", "This email cannot be used to register", [
      { field: "email", message: "This email cannot be used to register" },
    ]);
  if (input.username) await requireFreeUsername(deps.db, input.username);
  const existing = await emailIdentity(email);
  if (existing) {
    // Never replaced or deleted (the account may hold posts): the address gets a new link, so
    // its owner can verify it and take the account over with a password reset.
    if (!existing.data.isEmailVerified) await sendVerificationEmail(email, existing.data);
    throw taken();
  }
  const emailVerified = deps.verification.autoVerify;
  const providerData = await sanitizeAndSerializeProviderData<"email">({
    hashedPassword: password,
    isEmailVerified: emailVerified,
    emailVerificationSentAt: null,
    passwordResetSentAt: null,
  });
  for (let attempt = 1; ; attempt++) {
    const username = input.username ?? (await availableUsername(deps.db, input.name ?? email));
    const name = input.name ?? username;
    try {
      const session = await deps.db.$transaction(async (tx) => {
        const user = await tx.user.create({
          data: {
            email,
            name,
            username,
            // An address nobody has confirmed is never promoted (see onAfterEmailVerified).
            role: emailVerified ? roleForEmail(email, deps.adminEmails) : "USER",
            auth: {
              create: {
                identities: {
                  create: {
                    providerName: providerId.providerName,
                    providerUserId: providerId.providerUserId,
                    providerData,
                  },
                },
              },
            },
          },
          select: userSelect,
        });
        await audit(tx, {
          actorId: user.id,
          action: "auth.register",
          target: { type: "user", id: user.id },
          metadata: { via: "api" },
          meta: deps.meta,
        });
        // Where verification is required, a token could not act yet: none is issued, unless asked.
        const tokens =
          tokensBeforeVerification || mayAct(deps.verification, emailVerified)
            ? await issueTokens(tx, { userId: user.id, emailVerified }, deps.config)
            : {};
        return { user, emailVerified, ...tokens };
      });
      metrics.signup("api");
      if (!emailVerified) await sendVerificationEmail(email);
      return session;
    } catch (error) {
      // Two registrations racing for one email or handle: the loser hits a unique index.
      if (prismaCode(error) !== "P2002") throw error;
      if (await emailIdentity(email)) throw taken();
      // A handle made for them (they asked for none) was taken by a concurrent sign-up with
      // the same name: they get the next one, not an error about a field they never filled.
      if (input.username || attempt >= 10) throw usernameTakenError();
    }
  }
}

export async function login(rawInput: unknown, deps: AuthDeps) {
  const { email, password } = parseInput(loginInput, rawInput);
  const found = await emailIdentity(email);
  const passwordOk = found
    ? await verifyPassword(found.data.hashedPassword, password).then(
        () => true,
        () => false,
      )
    : await checkDecoyPassword(password).then(() => false);
  const user =
    passwordOk && found
      ? await deps.db.user.findFirst({
          where: { auth: { id: found.identity.authId } },
          select: userSelect,
        })
      : null;

  if (!user || !found) {
    await deps.db.$transaction((tx) =>
      audit(tx, {
        actorId: null,
        action: "auth.login_failed",
        metadata: { email, via: "api" },
        meta: deps.meta,
      }),
    );
    metrics.authFailure("api", "invalid_credentials");
    throw invalidCredentials();
  }
  // Only after the password matched, so these answers reveal nothing to a guesser.
  if (user.bannedAt) {
    metrics.authFailure("api", "suspended");
    throw new AppError("FORBIDDEN", "This account is suspended");
  }
  const emailVerified = found.data.isEmailVerified;
  if (!mayAct(deps.verification, emailVerified)) {
    metrics.authFailure("api", "unverified");
    await sendVerificationEmail(email, found.data);
    throw notVerified("Verify your email address before logging in: open the link sent to it");
  }
  return deps.db.$transaction(async (tx) => {
    const role = await promoteIfListed(tx, user, {
      adminEmails: deps.adminEmails,
      verified: emailVerified,
    });
    const current =
      role === user.role
        ? user
        : await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: userSelect });
    await audit(tx, {
      actorId: user.id,
      action: "auth.login",
      target: { type: "user", id: user.id },
      metadata: { via: "api" },
      meta: deps.meta,
    });
    const tokens: TokenPair = await issueTokens(
      tx,
      { userId: user.id, emailVerified },
      deps.config,
    );
    return { user: current, emailVerified, ...tokens };
  });
}

/** Revokes the family of the given refresh token, or the caller's current family. */
export async function logout(
  viewer: Viewer,
  familyId: string,
  rawInput: unknown,
  deps: Pick<AuthDeps, "db" | "meta">,
) {
  const { refreshToken } = parseInput(logoutInput, rawInput ?? {});
  const family = refreshToken ? await familyOf(deps.db, refreshToken, viewer.id) : familyId;
  await deps.db.$transaction(async (tx) => {
    await revokeFamily(tx, family ?? familyId);
    await audit(tx, {
      actorId: viewer.id,
      action: "auth.logout",
      target: { type: "user", id: viewer.id },
      meta: deps.meta,
    });
  });
}

/**
 * Turns verified access token claims into the viewer they speak for. Checked on every request
 * against the database, so a ban, a deletion or a logout ends the token at once, not at its
 * expiry. Where verification is required, a token issued before the address was verified
 * cannot act (403) until it is: then it can, without a new token (RealWorld clients have no
 * refresh call). Only such tokens cost the extra lookup.
 */
export async function authenticateClaims(
  claims: AccessClaims,
  deps: Pick<AuthDeps, "db" | "verification"> & { sql: SqlRunner },
) {
  const { userId, familyId } = claims;
  // One statement, on every authenticated request, prepared on the pool: through Prisma (even
  // raw) this check cost more CPU than the query itself. Read as timestamptz, so the
  // time comes back as the instant Prisma stored in UTC.
  const [user] = await deps.sql<{ id: number; role: Role; bannedAt: Date | null }>(
    "access-token-lookup",
    `SELECT u.id, u.role::text AS role, u."bannedAt" AT TIME ZONE 'UTC' AS "bannedAt"
     FROM "User" u
     WHERE u.id = $1 AND EXISTS (
       SELECT 1 FROM "RefreshToken" t
       WHERE t."userId" = u.id AND t."familyId" = $2 AND t."revokedAt" IS NULL)`,
    [userId, familyId],
  );
  if (!user) {
    throw new AppError("UNAUTHENTICATED", "The access token is no longer valid");
  }
  if (user.bannedAt) throw new AppError("UNAUTHENTICATED", "This account is suspended");
  const mayActNow =
    mayAct(deps.verification, claims.emailVerified) || (await isEmailVerified(deps.db, user.id));
  if (!mayActNow) throw notVerified("Verify your email address: open the link sent to it");
  const viewer: Viewer = { id: user.id, role: user.role, bannedAt: user.bannedAt };
  return { viewer, familyId };
}
