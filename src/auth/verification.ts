import type { PrismaClient } from "@prisma/client";
import { env } from "wasp/server";
import {
  createEmailVerificationLink,
  createProviderId,
  findAuthIdentity,
  getProviderDataWithPassword,
  isEmailResendAllowed,
  sendEmailVerificationEmail,
  type EmailProviderData,
} from "wasp/server/auth";
import { logger } from "../observability/logger";
import { AppError } from "../shared/errors";
import { EMAIL_FROM, EMAIL_VERIFICATION_PAGE } from "./authPaths";
import { verificationEmail } from "./emailContent";

// One email verification policy for every door (web, /api/v1). EMAIL_VERIFICATION=required: an
// account acts only once its address is verified; optional: it may act before, but the address
// counts as unconfirmed (no ADMIN_EMAILS promotion). SKIP_EMAIL_VERIFICATION_IN_DEV (refused
// in production, see env.ts) marks new accounts verified at sign-up, as Wasp's web sign-up does.
export type VerificationPolicy = { required: boolean; autoVerify: boolean };

export const verificationPolicy: VerificationPolicy = {
  required: env.EMAIL_VERIFICATION === "required",
  autoVerify: env.SKIP_EMAIL_VERIFICATION_IN_DEV,
};

/** May an account with this verification state act (use tokens, sign in)? */
export const mayAct = (policy: VerificationPolicy, emailVerified: boolean) =>
  emailVerified || !policy.required;

export const notVerified = (detail: string) => new AppError("EMAIL_NOT_VERIFIED", detail);

/** The email login identity of an address (normalised by the caller), with its provider data. */
export async function emailIdentity(email: string) {
  const identity = await findAuthIdentity(createProviderId("email", email));
  if (!identity) return null;
  return { identity, data: getProviderDataWithPassword<"email">(identity.providerData) };
}

/** Whether a user's address is verified (false for accounts without an email login). */
export async function isEmailVerified(db: PrismaClient, userId: number) {
  const identity = await db.authIdentity.findFirst({
    where: { providerName: "email", auth: { userId } },
    select: { providerData: true },
  });
  if (!identity) return false;
  return (
    (JSON.parse(identity.providerData) as { isEmailVerified?: unknown }).isEmailVerified === true
  );
}

/**
 * Sends the verification email with Wasp's link (the web page that confirms it), at most once a
 * minute per address. Never throws: a failed send is logged, the sign-up it follows still holds,
 * and a later sign-up or login attempt sends a new link.
 */
export async function sendVerificationEmail(
  email: string,
  data?: Pick<EmailProviderData, "emailVerificationSentAt">,
) {
  if (data && !isEmailResendAllowed(data, "emailVerificationSentAt").isResendAllowed) return;
  try {
    const verificationLink = await createEmailVerificationLink(email, EMAIL_VERIFICATION_PAGE);
    await sendEmailVerificationEmail(email, {
      from: EMAIL_FROM,
      to: email,
      ...verificationEmail({ verificationLink }),
    });
  } catch (error) {
    logger.error({ err: error }, "sending a verification email failed");
  }
}
