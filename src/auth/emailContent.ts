import type {
  GetPasswordResetEmailContentFn,
  GetVerificationEmailContentFn,
} from "wasp/server/auth";

// The emails of the account flows, one text each for every door: Wasp's web sign-up and reset,
// the REST API's register, and a repeated sign-up of an address that is not verified yet.
export const verificationEmail: GetVerificationEmailContentFn = ({ verificationLink }) => ({
  subject: "Verify your email for Inkwell",
  text:
    `Open this link to verify your email address: ${verificationLink}\n\n` +
    "If you did not sign up, you can ignore this email. If someone else signed up with your " +
    "address, verify it and then reset the password: that ends every session they had.",
  html:
    `<p>Open this link to verify your email address: <a href="${verificationLink}">Verify email</a></p>` +
    "<p>If you did not sign up, you can ignore this email. If someone else signed up with your " +
    "address, verify it and then reset the password: that ends every session they had.</p>",
});

export const passwordResetEmail: GetPasswordResetEmailContentFn = ({ passwordResetLink }) => ({
  subject: "Reset your Inkwell password",
  text:
    `Open this link to choose a new password: ${passwordResetLink}\n\n` +
    "Resetting the password signs you out everywhere.",
  html:
    `<p>Open this link to choose a new password: <a href="${passwordResetLink}">Reset password</a></p>` +
    "<p>Resetting the password signs you out everywhere.</p>",
});
