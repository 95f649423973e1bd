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
// opened (src/server/requestContext.ts), as every other audit row does.

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

export const onAfterLogin: OnAfterLoginHook = async ({ user, prisma }) => {
  await prisma.$transaction(async (tx) => {
    // Wasp's web login only ever lets verified addresses in.
    await promoteIfListed(tx, user, { adminEmails: env.ADMIN_EMAILS, verified: true });
    await audit(tx, {
      actorId: user.id,
      action: "auth.login",
      target: { type: "user", id: user.id },
      metadata: { via: "web" },
    });
  });
};

export const onAfterSignup: OnAfterSignupHook = async ({ user, prisma }) => {
  await prisma.$transaction(async (tx) => {
    // Wasp marks a new sign-up verified only when verification is skipped (development).
    const verified = verificationPolicy.autoVerify;
    await promoteIfListed(tx, user, { adminEmails: env.ADMIN_EMAILS, verified });
    await audit(tx, {
      actorId: user.id,
      action: "auth.register",
      target: { type: "user", id: user.id },
      metadata: { via: "web" },
    });
  });
  metrics.signup("web");
};

export const onAfterEmailVerified: OnAfterEmailVerifiedHook = async ({ user, prisma }) => {
  await prisma.$transaction(async (tx) => {
    await promoteIfListed(tx, user, { adminEmails: env.ADMIN_EMAILS, verified: true });
    await audit(tx, {
      actorId: user.id,
      action: "auth.email_verified",
      target: { type: "user", id: user.id },
      metadata: { via: "web" },
    });
  });
};
