import { defineUserSignupFields } from "wasp/server/auth";
import { z } from "zod";
import { NAME_MAX } from "./nameRules";

const nameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(NAME_MAX, `Name must be at most ${NAME_MAX} characters`);

// Extra User columns filled at sign-up. Wasp has already validated the email and password;
// the email is copied onto User so the app can show and search it.
export const userSignupFields = defineUserSignupFields({
  email: (data) => String(data.email).toLowerCase(),
  name: (data) => {
    const result = nameSchema.safeParse(data.name);
    if (!result.success) throw new Error(result.error.issues[0]?.message ?? "Invalid name");
    return result.data;
  },
});
