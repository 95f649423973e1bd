import { z } from "zod";
import { text } from "../shared/schemas";
import { bio, image, name, username } from "../users/users.schemas";
import { normalizeEmail } from "../shared/email";

// New passwords follow NIST SP 800-63B: at least 8 characters, no composition rules, long
// passphrases welcome. (Wasp's web sign-up form also asks for a digit: stricter, never looser.)
const email = z
  .string({ error: "Email is required" })
  .overwrite(normalizeEmail)
  .max(254, "Email is too long")
  .pipe(z.email("Enter a valid email address"));
export const newPassword = z
  .string({ error: "Password is required" })
  .min(8, "Password must be at least 8 characters")
  .max(200, "Password must be at most 200 characters");

export const registerInput = z
  .strictObject({
    email,
    username: username.optional().describe("The public handle; made from the name when left out"),
    name: name.optional().describe("The display name; the username when left out"),
    password: newPassword,
  })
  .refine((input) => input.username !== undefined || input.name !== undefined, {
    message: "Give a username or a name",
    path: ["username"],
  })
  .describe("Give a username, a name or both");
/** A password Wasp's web auth accepts (sign-up, reset): its own check wants a digit too. */
const webNewPassword = newPassword.regex(/\d/, "Password must contain a number");

/** The web sign-up form: it asks for both names. */
export const webSignupInput = z.strictObject({ username, name, email, password: webNewPassword });

/** The forms behind the emailed links: ask for a reset link, choose the new password. */
export const requestResetInput = z.strictObject({ email });
export const webResetInput = z
  .strictObject({ password: webNewPassword, confirm: z.string() })
  .refine((input) => input.password === input.confirm, {
    message: "The passwords do not match",
    path: ["confirm"],
  });

export const loginInput = z.strictObject({
  email,
  password: z.string({ error: "Password is required" }).min(1, "Password is required").max(200),
});
export const refreshInput = z.strictObject({
  refreshToken: text("refreshToken is required").min(1).max(200),
});
export const logoutInput = z.strictObject({
  refreshToken: text().min(1).max(200).optional().describe("Revokes this token's family"),
});

export const changePasswordInput = z.strictObject({
  currentPassword: z.string({ error: "The current password is required" }).min(1).max(200),
  newPassword,
});

/**
 * A signed-in change of one's own account, all at once: a new address (to be verified again), a
 * handle, a bio or a picture, a new password. RealWorld's spec sets a password without the
 * current one; what guards it is that the change ends every other session of the account.
 */
export const updateAccountInput = z
  .strictObject({
    email: email.optional(),
    username: username.optional(),
    name: name.optional(),
    bio: bio.optional(),
    image: image.optional(),
    password: newPassword.optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: "Give an email, username, name, bio, image or password to change",
  });
export type UpdateAccountInput = z.input<typeof updateAccountInput>;

export const tokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal("Bearer"),
  expiresIn: z.number().int().describe("Seconds until the access token expires"),
});
