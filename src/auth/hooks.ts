import { HttpError, env } from "wasp/server";
import type {
  OnAfterEmailVerifiedHook,
  OnAfterLoginHook,
  OnAfterSignupHook,
  OnBeforeLoginHook,
} from "wasp/server/auth";
import { audit } from "../audit/audit.service";
import { metrics } from "../observability/metrics";
import { roleForEmail } from "./admins";
import { verificationPolicy } from "./verification";

// Wasp auth hooks: the browser's sign-up and login follow the same rules as the REST API's
// (banned users cannot log in, ADMIN_EMAILS become admins once the address is verified, all are
// audited). Wasp's web login only ever lets verified addresses in.

// The request id is the one httpLogging settled (the caller's X-Request-Id when it sent a
// valid one), the same id the access log line and the response header carry.
const requestMeta = (req: { ip?: string; id?: unknown }) => ({
  ip: req.ip ?? null,
  requestId: typeof req.id === "string" ? req.id : null,
});

export const onBeforeLogin: OnBeforeLoginHook = async ({ user, prisma, req }) => {
  if (!user.bannedAt) return;
  await prisma.$transaction((tx) =>
    audit(tx, {
      actorId: user.id,
      action: "auth.login_failed",
      target: { type: "user", id: user.id },
      metadata: { via: "web", reason: "banned" },
      meta: requestMeta(req),
    }),
  );
  metrics.authFailure("web", "suspended");
  throw new HttpError(403, "This account is suspended");
};

export const onAfterLogin: OnAfterLoginHook = async ({ user, prisma, req }) => {
  await prisma.$transaction(async (tx) => {
    const role = roleForEmail(user.email, env.ADMIN_EMAILS, user.role);
    if (role !== user.role) await tx.user.update({ where: { id: user.id }, data: { role } });
    await audit(tx, {
      actorId: user.id,
      action: "auth.login",
      target: { type: "user", id: user.id },
      metadata: { via: "web" },
      meta: requestMeta(req),
    });
  });
};

export const onAfterSignup: OnAfterSignupHook = async ({ user, prisma, req }) => {
  await prisma.$transaction(async (tx) => {
    // Wasp marks a new sign-up verified only when verification is skipped (development).
    const verified = verificationPolicy.autoVerify;
    const role = verified ? roleForEmail(user.email, env.ADMIN_EMAILS, user.role) : user.role;
    if (role !== user.role) await tx.user.update({ where: { id: user.id }, data: { role } });
    await audit(tx, {
      actorId: user.id,
      action: "auth.register",
      target: { type: "user", id: user.id },
      metadata: { via: "web" },
      meta: requestMeta(req),
    });
  });
  metrics.signup("web");
};

export const onAfterEmailVerified: OnAfterEmailVerifiedHook = async ({ user, prisma, req }) => {
  await prisma.$transaction(async (tx) => {
    const role = roleForEmail(user.email, env.ADMIN_EMAILS, user.role);
    if (role !== user.role) await tx.user.update({ where: { id: user.id }, data: { role } });
    await audit(tx, {
      actorId: user.id,
      action: "auth.email_verified",
      target: { type: "user", id: user.id },
      metadata: { via: "web" },
      meta: requestMeta(req),
    });
  });
};
