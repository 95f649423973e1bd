import type { z } from "zod";
import { prisma } from "wasp/server";
import { defineUserSignupFields } from "wasp/server/auth";
import { availableUsername, requireFreeUsername } from "../users/handles";
import { name as nameSchema, username as usernameSchema } from "../users/users.schemas";

// Extra User columns filled at sign-up. Wasp has already validated the email and password;
// the email is copied onto User so the app can show and search it. The name and handle follow
// the same rules as everywhere else (REST sign-up, profile changes). The web form always asks
// for a handle; a sign-up without one (an older client) gets one made from the name.
function checked<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(result.error.issues[0]?.message ?? "Invalid value");
  return result.data;
}

export const userSignupFields = defineUserSignupFields({
  email: (data) => String(data.email).toLowerCase(),
  name: (data) => checked(nameSchema, data.name),
  username: async (data) => {
    if (data.username === undefined || data.username === "") {
      return availableUsername(prisma, checked(nameSchema, data.name));
    }
    const username = checked(usernameSchema, data.username);
    await requireFreeUsername(prisma, username).catch((error: Error) => {
      throw new Error(error.message);
    });
    return username;
  },
});
