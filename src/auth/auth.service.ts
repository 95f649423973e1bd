import type { PrismaClient } from "@prisma/client";
import { createProviderId, findAuthIdentity, getProviderDataWithPassword } from "wasp/server/auth";
import { sanitizeAndSerializeProviderData } from "wasp/server/auth";
import { hashPassword, verifyPassword } from "wasp/auth/password";
import { audit, type RequestMeta } from "../audit/audit.service";
import { metrics } from "../observability/metrics";
import { AppError } from "../shared/errors";
import { parseInput } from "../shared/validation";
import type { Viewer } from "../shared/viewer";
import { userSelect } from "../users/users.service";
import { familyOf, issueTokens, revokeFamily, type TokenPair } from "./tokens.service";
import { verifyAccessToken, type TokenConfig } from "./jwt";
import { loginInput, logoutInput, registerInput } from "./auth.schemas";
import { roleForEmail } from "./admins";

// REST sign-up and login over the same identity store as the browser's Wasp email auth:
// one AuthIdentity row per user, one argon2 password hash, verified by Wasp's own function.
export type AuthDeps = {
  db: PrismaClient;
  config: TokenConfig;
  /** Production requires a verified email to log in, as Wasp's browser login does. */
  requireVerifiedEmail: boolean;
  adminEmails: string;
  meta?: RequestMeta;
};

const invalidCredentials = () => new AppError("UNAUTHENTICATED", "Invalid email or password");

// Hashing against this when the email is unknown makes a failed login for a missing user cost
// the same argon2 work as a wrong password, so timing does not tell which it was.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword("decoy password 0 that never matches"));

export async function register(rawInput: unknown, deps: AuthDeps) {
  const { email, name, password } = parseInput(registerInput, rawInput);
  const providerId = createProviderId("email", email);
  // A uniform answer: the email is not available, whether it is taken or reserved.
  const taken = () => new AppError("CONFLICT", "This email cannot be used to register");
  if (await findAuthIdentity(providerId)) throw taken();
  const providerData = await sanitizeAndSerializeProviderData<"email">({
    hashedPassword: password,
    // REST clients have no inbox link to click; the verification rule applies at login.
    isEmailVerified: !deps.requireVerifiedEmail,
    emailVerificationSentAt: null,
    passwordResetSentAt: null,
  });
  try {
    const session = await deps.db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email,
          name,
          role: roleForEmail(email, deps.adminEmails),
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
      const tokens = await issueTokens(tx, user.id, deps.config);
      return { user, ...tokens };
    });
    metrics.signup("api");
    return session;
  } catch (error) {
    // Two registrations racing for one email: the loser hits the unique index.
    if ((error as { code?: string }).code === "P2002") throw taken();
    throw error;
  }
}

export async function login(rawInput: unknown, deps: AuthDeps) {
  const { email, password } = parseInput(loginInput, rawInput);
  const identity = await findAuthIdentity(createProviderId("email", email));
  const providerData = identity
    ? getProviderDataWithPassword<"email">(identity.providerData)
    : undefined;
  const passwordOk = await verifyPassword(
    providerData?.hashedPassword ?? (await decoy()),
    password,
  ).then(
    () => Boolean(providerData),
    () => false,
  );
  const user = passwordOk
    ? await deps.db.user.findFirst({
        where: { auth: { id: identity!.authId } },
        select: userSelect,
      })
    : null;

  if (!user || !providerData) {
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
  if (deps.requireVerifiedEmail && !providerData.isEmailVerified) {
    throw new AppError("FORBIDDEN", "Verify your email address before logging in");
  }
  return deps.db.$transaction(async (tx) => {
    const role = roleForEmail(email, deps.adminEmails, user.role);
    const current =
      role === user.role
        ? user
        : await tx.user.update({
            where: { id: user.id },
            data: { role },
            select: userSelect,
          });
    await audit(tx, {
      actorId: user.id,
      action: "auth.login",
      target: { type: "user", id: user.id },
      metadata: { via: "api" },
      meta: deps.meta,
    });
    const tokens: TokenPair = await issueTokens(tx, user.id, deps.config);
    return { user: current, ...tokens };
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
 * Turns a bearer access token into the viewer it speaks for. Checked on every request against
 * the database, so a ban, a deletion or a logout ends the token at once, not at its expiry.
 */
export async function authenticate(token: string, deps: Pick<AuthDeps, "db" | "config">) {
  const { userId, familyId } = verifyAccessToken(token, deps.config);
  const user = await deps.db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      role: true,
      bannedAt: true,
      refreshTokens: { where: { familyId, revokedAt: null }, select: { id: true }, take: 1 },
    },
  });
  if (!user || user.refreshTokens.length === 0) {
    throw new AppError("UNAUTHENTICATED", "The access token is no longer valid");
  }
  if (user.bannedAt) throw new AppError("UNAUTHENTICATED", "This account is suspended");
  const viewer: Viewer = { id: user.id, role: user.role, bannedAt: user.bannedAt };
  return { viewer, familyId };
}
