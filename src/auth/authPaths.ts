// Facts about the email auth flows that both the Wasp spec (auth.wasp.ts) and the server code
// read, so the sender and the pages the emailed links open are written once. No imports: the
// spec evaluates this file on its own.
export const EMAIL_FROM = { name: "Inkwell", email: "no-reply@inkwell.local" };

/** The web pages the emailed links open. */
export const EMAIL_VERIFICATION_PAGE = "/email-verification";
export const PASSWORD_RESET_PAGE = "/password-reset";

/**
 * Wasp's email auth routes on the server (POST), under its "/auth" mount (WASP_MOUNTS in
 * src/server/waspMounts.ts). Express matches them ignoring case and a trailing slash.
 */
export const WEB_AUTH_ROUTES = {
  login: "/email/login",
  signup: "/email/signup",
  requestPasswordReset: "/email/request-password-reset",
  resetPassword: "/email/reset-password",
} as const;
