import type { PrismaClient } from "@prisma/client";
import { getProviderDataWithPassword, sanitizeAndSerializeProviderData } from "wasp/server/auth";
import { verifyPassword } from "wasp/auth/password";
import { audit, type RequestMeta } from "../audit/audit.service";
import { AppError } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { requireViewer, type Viewer } from "../shared/viewer";
import { changePasswordInput } from "./auth.schemas";
import { promoteIfListed } from "./admins";
import { endSessions } from "./tokens.service";
import { emailIdentity } from "./verification";

// Password changes at both doors. Whoever resets a password may be locking out a thief, so a
// reset ends every session and refresh token of the account; a change made while signed in
// ends all the others and keeps the one it was made in.
export type PasswordDeps = { db: PrismaClient; adminEmails: string; meta?: RequestMeta };

/** The session a signed-in change is made in: a browser session or a REST refresh family. */
export type CurrentSession = { sessionId?: string; familyId?: string };

const keyOf = (identity: { providerName: string; providerUserId: string }) => ({
  providerName: identity.providerName,
  providerUserId: identity.providerUserId,
});

const wrongPassword = () =>
  new AppError("VALIDATION_FAILED", "The current password is wrong", [
    { field: "currentPassword", message: "The current password is wrong" },
  ]);

export async function changePassword(
  viewer: Viewer | null,
  rawInput: unknown,
  current: CurrentSession,
  { db, meta }: Omit<PasswordDeps, "adminEmails">,
) {
  const actor = requireViewer(viewer);
  const { currentPassword, newPassword } = parseInput(changePasswordInput, rawInput);
  const identity = await db.authIdentity.findFirst({
    where: { providerName: "email", auth: { userId: actor.id } },
  });
  if (!identity) throw new AppError("FORBIDDEN", "This account has no password to change");
  const data = getProviderDataWithPassword<"email">(identity.providerData);
  const ok = await verifyPassword(data.hashedPassword, currentPassword).then(
    () => true,
    () => false,
  );
  if (!ok) throw wrongPassword();
  const providerData = await sanitizeAndSerializeProviderData<"email">({
    ...data,
    hashedPassword: newPassword,
  });
  return db.$transaction(async (tx) => {
    await tx.authIdentity.update({
      where: { providerName_providerUserId: keyOf(identity) },
      data: { providerData },
    });
    const ended = await endSessions(tx, actor.id, current);
    await audit(tx, {
      actorId: actor.id,
      action: "auth.password_change",
      target: { type: "user", id: actor.id },
      metadata: ended,
      meta,
    });
    return ended;
  });
}

/**
 * Sets a new password for the owner of `email` (whose reset link was checked by the caller) and
 * ends every session of the account. The link proves the inbox, so the address counts as
 * verified from now on (as in Wasp's own reset), which also lets ADMIN_EMAILS apply.
 */
export async function resetPassword(email: string, password: string, deps: PasswordDeps) {
  const found = await emailIdentity(email);
  if (!found) return null;
  const providerData = await sanitizeAndSerializeProviderData<"email">({
    ...found.data,
    isEmailVerified: true,
    hashedPassword: password,
  });
  return deps.db.$transaction(async (tx) => {
    const { identity } = found;
    await tx.authIdentity.update({
      where: { providerName_providerUserId: keyOf(identity) },
      data: { providerData },
    });
    const user = await tx.user.findFirst({
      where: { auth: { id: identity.authId } },
      select: { id: true, email: true, role: true },
    });
    if (!user) return null;
    // The reset link proved the inbox: the address counts as verified.
    await promoteIfListed(tx, user, { adminEmails: deps.adminEmails, verified: true });
    const ended = await endSessions(tx, user.id);
    await audit(tx, {
      actorId: user.id,
      action: "auth.password_reset",
      target: { type: "user", id: user.id },
      metadata: { via: "web", ...ended },
      meta: deps.meta,
    });
    return ended;
  });
}
