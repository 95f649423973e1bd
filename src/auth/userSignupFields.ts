import { defineUserSignupFields } from "wasp/server/auth";
import { name as nameSchema } from "../users/users.schemas";

// Extra User columns filled at sign-up. Wasp has already validated the email and password;
// the email is copied onto User so the app can show and search it. The name follows the same
// rule as everywhere else (REST sign-up, renames).
export const userSignupFields = defineUserSignupFields({
  email: (data) => String(data.email).toLowerCase(),
  name: (data) => {
    const result = nameSchema.safeParse(data.name);
    if (!result.success) throw new Error(result.error.issues[0]?.message ?? "Invalid name");
    return result.data;
  },
});
