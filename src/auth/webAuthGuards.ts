import express, { type Request, type Response } from "express";
import { env, HttpError, prisma } from "wasp/server";
import {
  ensurePasswordIsPresent,
  ensureTokenIsPresent,
  ensureValidPassword,
} from "wasp/server/auth";
// Wasp's own check of its emailed links (marked private in the SDK; pinned with Wasp 0.25).
import { validateJWT } from "wasp/auth/jwt";
import { checkDecoyPassword } from "./auth.service";
import { WEB_AUTH_ROUTES } from "./authPaths";
import { normalizeEmail } from "../shared/email";
import { resetPassword } from "./password.service";
import { emailIdentity, sendVerificationEmail } from "./verification";

// Guards in front of Wasp's web email auth routes (in Wasp's global stack, after the JSON
// parser), for what Wasp's handlers get wrong for this product:
// - sign-up of an address whose account is not verified yet: Wasp deletes that account (and its
//   posts) and starts over; here it is kept and the address gets a new verification link;
// - login of an unknown or unverified address: Wasp answers before any password hashing, so
//   timing told which addresses have accounts; here the same argon2 work is done first;
// - reset-password: Wasp's handler leaves every session alive; it is replaced by one that ends
//   them all (see password.service.ts).
// An Express Router matches the paths the way Wasp's routers do (any case, optional trailing
// slash), so no spelling of a path reaches Wasp's handler past these guards.

const emailOf = (req: Request) => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? normalizeEmail(email) : null;
};

async function keepUnverifiedAccount(req: Request, res: Response, next: () => void) {
  const email = emailOf(req);
  const found = email ? await emailIdentity(email) : null;
  if (!found || found.data.isEmailVerified) return next();
  await sendVerificationEmail(found.identity.providerUserId, found.data);
  // The answer of a fresh sign-up: whether the address has an account stays unknown.
  res.json({ success: true });
}

async function evenLoginTiming(req: Request, _res: Response, next: () => void) {
  const email = emailOf(req);
  const password = (req.body as { password?: unknown } | undefined)?.password;
  const found = email ? await emailIdentity(email) : null;
  if (typeof password === "string" && (!found || !found.data.isEmailVerified)) {
    await checkDecoyPassword(password);
  }
  next();
}

async function resetPasswordEndingSessions(req: Request, res: Response) {
  const args = (req.body ?? {}) as { token?: string; password?: string };
  ensureTokenIsPresent(args);
  ensurePasswordIsPresent(args);
  ensureValidPassword(args);
  const invalid = () => new HttpError(400, "Password reset failed, invalid token");
  const { email } = await validateJWT<{ email: string }>(String(args.token)).catch(() => {
    throw invalid();
  });
  const done = await resetPassword(email, String(args.password), {
    db: prisma,
    adminEmails: env.ADMIN_EMAILS,
  });
  if (!done) throw invalid();
  res.json({ success: true });
}

export const webAuthGuards = express.Router();
webAuthGuards.post(WEB_AUTH_ROUTES.signup, keepUnverifiedAccount);
webAuthGuards.post(WEB_AUTH_ROUTES.login, evenLoginTiming);
webAuthGuards.post(WEB_AUTH_ROUTES.resetPassword, resetPasswordEndingSessions);
