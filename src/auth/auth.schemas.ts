import { z } from "zod";
import { text } from "../shared/schemas";
import { name } from "../users/users.schemas";
import { normalizeEmail } from "../shared/email";

// Password rules match Wasp's email sign-up (at least 8 characters, one digit), so an account
// made through either door can use the other.
const email = z
  .string({ error: "Email is required" })
  .overwrite(normalizeEmail)
  .max(254, "Email is too long")
  .pipe(z.email("Enter a valid email address"));
export const newPassword = z
  .string({ error: "Password is required" })
  .min(8, "Password must be at least 8 characters")
  .max(200, "Password must be at most 200 characters")
  .regex(/\d/, "Password must contain a number");

export const registerInput = z.strictObject({ email, name, password: newPassword });
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

export const tokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal("Bearer"),
  expiresIn: z.number().int().describe("Seconds until the access token expires"),
});
