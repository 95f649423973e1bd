import { HttpError, env } from "wasp/server";
import type { ChangePassword, GetAccount, UpdateAccount } from "wasp/server/operations";
import * as account from "../auth/account.service";
import type { UpdateAccountInput } from "../auth/auth.schemas";
import { changePassword as changeOwnPassword } from "../auth/password.service";
import { verificationPolicy } from "../auth/verification";
import { currentRequest } from "../observability/requestContext";
import { serviceDeps } from "../server/serviceDeps";
import { asOperation, viewerFrom } from "../shared/wasp";
import type { UserView } from "../users/users.schemas";

// The settings page's operations: the same account and password services as RealWorld's
// PUT /api/user and /api/v1's password change, keeping the browser session that asks.

export type AccountSettings = UserView & {
  /** Whether a new address must be verified again before it counts (the UI says so). */
  emailChangeNeedsVerification: boolean;
};

const accountDeps = () => ({
  ...serviceDeps(),
  verification: verificationPolicy,
  adminEmails: env.ADMIN_EMAILS,
});

/**
 * The Wasp session this request was authenticated with. Wasp's operation context carries only
 * the user; its auth middleware puts the session id on the request, which the request context
 * reads. Without it a password change would end this session too, so it is refused instead.
 */
function currentSession() {
  const sessionId = currentRequest()?.sessionId;
  if (!sessionId) throw new HttpError(401, "Sign in again to change this");
  return { sessionId };
}

export const getAccount: GetAccount<void, AccountSettings> = (_args, context) =>
  asOperation(async () => ({
    ...(await account.getAccount(viewerFrom(context.user), serviceDeps())),
    emailChangeNeedsVerification: !verificationPolicy.autoVerify,
  }));

export const updateAccount: UpdateAccount<UpdateAccountInput, UserView> = (args, context) =>
  asOperation(async () => {
    const viewer = viewerFrom(context.user);
    if (!viewer) throw new HttpError(401, "Sign in to change your account");
    return account.updateAccount(viewer, args, currentSession(), accountDeps());
  });

export const changePassword: ChangePassword<
  { currentPassword: string; newPassword: string },
  { sessionsEnded: number }
> = (args, context) =>
  asOperation(async () => {
    const viewer = viewerFrom(context.user);
    if (!viewer) throw new HttpError(401, "Sign in to change your password");
    const ended = await changeOwnPassword(viewer, args, currentSession(), serviceDeps());
    return { sessionsEnded: ended.sessionsEnded };
  });
