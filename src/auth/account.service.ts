import type { Prisma, PrismaClient } from "@prisma/client";
import { getProviderDataWithPassword } from "wasp/server/auth";
import { hashPassword } from "wasp/auth/password";
import { audit, type RequestMeta } from "../audit/audit.service";
import type { FeedCache } from "../cache/feedCache";
import { AppError, notFound, prismaCode } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { requireViewer, type Viewer } from "../shared/viewer";
import { usernameTakenError } from "../users/handles";
import { userSelect } from "../users/users.service";
import type { UserView } from "../users/users.schemas";
import { promoteIfListed } from "./admins";
import { updateAccountInput } from "./auth.schemas";
import type { CurrentSession } from "./password.service";
import { endSessions } from "./tokens.service";
import { sendVerificationEmail, type VerificationPolicy } from "./verification";

// One's own account as a whole (RealWorld's GET and PUT /api/user): the profile fields, the
// email address (the User row and the login identity Wasp finds it by) and the password, changed
// together in one transaction, so a refused or failed change leaves nothing half applied.
export type AccountDeps = {
  db: PrismaClient;
  cache?: FeedCache;
  verification: VerificationPolicy;
  adminEmails: string;
  meta?: RequestMeta;
};

const emailTakenError = () =>
  new AppError("CONFLICT", "This email cannot be used", [
    { field: "email", message: "This email cannot be used" },
  ]);

/** The signed-in user's own account, every field of it. */
export async function getAccount(viewer: Viewer | null, { db }: Pick<AccountDeps, "db">) {
  const actor = requireViewer(viewer);
  const user = await db.user.findUnique({ where: { id: actor.id }, select: userSelect });
  if (!user) throw notFound("User");
  return user;
}

/**
 * Changes the signed-in user's account. A new address replaces the old one as the login and
 * counts as unverified until its link is opened (the verification email goes out after the
 * commit; SKIP_EMAIL_VERIFICATION_IN_DEV counts it verified at once, as at sign-up). A new
 * password ends every other session, browser and REST, and keeps `current`, the one making
 * the change. A handle or an address someone else has: 409, and nothing changes.
 */
export async function updateAccount(
  viewer: Viewer | null,
  rawInput: unknown,
  current: CurrentSession,
  deps: AccountDeps,
): Promise<UserView> {
  const actor = requireViewer(viewer);
  const { email, password, ...profile } = parseInput(updateAccountInput, rawInput);
  const { db } = deps;
  // Hashed before the transaction: argon2 is slow, and needs no row.
  const hashedPassword = password === undefined ? undefined : await hashPassword(password);
  const change = await db
    .$transaction(async (tx) => {
      const before = await lockAccount(tx, actor.id);
      const newEmail = email !== undefined && email !== before.email ? email : undefined;
      if (newEmail && (await emailHeldByOther(tx, newEmail, actor.id))) throw emailTakenError();
      if (profile.username !== undefined) {
        const holder = await tx.user.findUnique({
          where: { username: profile.username },
          select: { id: true },
        });
        if (holder && holder.id !== actor.id) throw usernameTakenError();
      }
      let after = await tx.user.update({
        where: { id: actor.id },
        data: { ...profile, email: newEmail },
        select: userSelect,
      });
      if (newEmail || hashedPassword) {
        await updateLogin(tx, actor.id, { newEmail, hashedPassword }, deps.verification);
      }
      if (newEmail) {
        const role = await promoteIfListed(tx, after, {
          adminEmails: deps.adminEmails,
          verified: deps.verification.autoVerify,
        });
        if (role !== after.role) {
          after = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: userSelect });
        }
      }
      const ended = hashedPassword ? await endSessions(tx, actor.id, current) : undefined;
      await auditChanges(tx, actor.id, { before, after, newEmail, ended, meta: deps.meta });
      return { after, newEmail };
    })
    .catch(async (error: unknown) => {
      // Two requests racing for one address or handle: the loser hits a unique index.
      if (prismaCode(error) !== "P2002") throw error;
      const emailTaken = email !== undefined && (await emailHeldByOther(db, email, actor.id));
      throw emailTaken ? emailTakenError() : usernameTakenError();
    });
  if (change.newEmail && !deps.verification.autoVerify) {
    await sendVerificationEmail(change.newEmail);
  }
  // Feeds show their authors' handles, bios and pictures.
  if (Object.values(profile).some((value) => value !== undefined)) await deps.cache?.invalidate();
  return change.after;
}

/** Whether another account has `email`, as its address or as its login. */
async function emailHeldByOther(db: Prisma.TransactionClient, email: string, userId: number) {
  const [users, logins] = await Promise.all([
    db.user.count({ where: { email, id: { not: userId } } }),
    db.authIdentity.count({
      where: { providerName: "email", providerUserId: email, auth: { userId: { not: userId } } },
    }),
  ]);
  return users + logins > 0;
}

/**
 * The user's row, locked until the transaction ends: two changes of one account (say a new
 * address and a new password) apply one after the other, each to what the other left.
 */
async function lockAccount(tx: Prisma.TransactionClient, id: number) {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM "User" WHERE id = ${id} FOR NO KEY UPDATE`;
  if (rows.length === 0) throw notFound("User");
  return tx.user.findUniqueOrThrow({ where: { id }, select: userSelect });
}

/** The email login identity: its key is the address, its data the hash and verification. */
async function updateLogin(
  tx: Prisma.TransactionClient,
  userId: number,
  change: { newEmail?: string; hashedPassword?: string },
  verification: VerificationPolicy,
) {
  const identity = await tx.authIdentity.findFirst({
    where: { providerName: "email", auth: { userId } },
  });
  if (!identity) throw new AppError("FORBIDDEN", "This account has no email login to change");
  const data = getProviderDataWithPassword<"email">(identity.providerData);
  const providerData = JSON.stringify({
    ...data,
    ...(change.hashedPassword ? { hashedPassword: change.hashedPassword } : {}),
    ...(change.newEmail
      ? { isEmailVerified: verification.autoVerify, emailVerificationSentAt: null }
      : {}),
  });
  await tx.authIdentity.update({
    where: {
      providerName_providerUserId: {
        providerName: identity.providerName,
        providerUserId: identity.providerUserId,
      },
    },
    data: { providerUserId: change.newEmail ?? identity.providerUserId, providerData },
  });
}

type Changes = {
  before: UserView;
  after: UserView;
  newEmail?: string;
  ended?: { sessionsEnded: number; tokensRevoked: number };
  meta?: RequestMeta;
};

/** The rows the audit trail keeps (addresses in the row's metadata, never in the log line). */
async function auditChanges(tx: Prisma.TransactionClient, userId: number, changes: Changes) {
  const { before, after, newEmail, ended, meta } = changes;
  const target = { type: "user", id: userId } as const;
  if (before.username !== after.username) {
    await audit(tx, {
      actorId: userId,
      action: "user.update",
      target,
      metadata: { username: { from: before.username, to: after.username } },
      meta,
    });
  }
  if (newEmail) {
    await audit(tx, {
      actorId: userId,
      action: "auth.email_change",
      target,
      metadata: { previousEmail: before.email, email: newEmail },
      meta,
    });
  }
  if (ended) {
    await audit(tx, {
      actorId: userId,
      action: "auth.password_change",
      target,
      metadata: { via: "account", ...ended },
      meta,
    });
  }
}
