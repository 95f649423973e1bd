import type { Role } from "@prisma/client";
import { HttpError, env } from "wasp/server";
import type {
  OnAfterEmailVerifiedHook,
  OnAfterLoginHook,
  OnAfterSignupHook,
  OnBeforeLoginHook,
} from "wasp/server/auth";
import { audit } from "../audit/audit.service";
import { metrics } from "../observability/metrics";
import { promoteIfListed } from "./admins";
import { verificationPolicy } from "./verification";

// Wasp auth hooks: the browser's sign-up and login follow the same rules as the REST API's
// (banned users cannot log in, ADMIN_EMAILS become admins once the address is verified, all are
// audited). Wasp's web login only ever lets verified addresses in.

// Their audit rows name the request (id, IP, user agent) from the request context httpLogging
// opened (src/observability/requestContext.ts), as every other audit row does.

export const onBeforeLogin: OnBeforeLoginHook = async ({ user, prisma }) => {
  if (!user.bannedAt) return;
  await prisma.$transaction((tx) =>
    audit(tx, {
      actorId: user.id,
      action: "auth.login_failed",
      target: { type: "user", id: user.id },
      metadata: { via: "web", reason: "banned" },
    }),
  );
  metrics.authFailure("web", "suspended");
  throw new HttpError(403, "This account is suspended");
};

type HookUser = { id: number; email: string; role: Role };
type HookPrisma = Parameters<OnAfterLoginHook>[0]["prisma"];

/** One web auth event: ADMIN_EMAILS promotion (verified addresses only) and its audit row. */
function recordWebAuth(
  prisma: HookPrisma,
  user: HookUser,
  action: "auth.login" | "auth.register" | "auth.email_verified",
  verified: boolean,
) {
  return prisma.$transaction(async (tx) => {
    await promoteIfListed(tx, user, { adminEmails: env.ADMIN_EMAILS, verified });
    await audit(tx, {
      actorId: user.id,
      action,
      target: { type: "user", id: user.id },
      metadata: { via: "web" },
    });
  });
}

// Wasp's web login only ever lets verified addresses in.
export const onAfterLogin: OnAfterLoginHook = ({ user, prisma }) =>
  recordWebAuth(prisma, user, "auth.login", true);

export const onAfterSignup: OnAfterSignupHook = async ({ user, prisma }) => {
  // Wasp marks a new sign-up verified only when verification is skipped (development).
  await recordWebAuth(prisma, user, "auth.register", verificationPolicy.autoVerify);
  metrics.signup("web");
};

export const onAfterEmailVerified: OnAfterEmailVerifiedHook = ({ user, prisma }) =>
  recordWebAuth(prisma, user, "auth.email_verified", true);
