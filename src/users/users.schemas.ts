import { z } from "zod";
import { pageQuery, text } from "../shared/schemas";

/** The longest display name, the same at every door (web sign-up, REST register, renames). */
export const NAME_MAX = 80;

export const name = text("Name is required")
  .trim()
  .min(1, "Name is required")
  .max(NAME_MAX, `Name must be at most ${NAME_MAX} characters`);

export const listUsersInput = pageQuery.extend({
  q: text().trim().max(200).optional().describe("Part of an email or name"),
});
export type ListUsersInput = z.input<typeof listUsersInput>;

export const updateUserInput = z
  .strictObject({
    name: name.optional(),
    role: z.enum(["USER", "ADMIN"]).optional().describe("Admins only, and not on themselves"),
  })
  .refine((input) => input.name !== undefined || input.role !== undefined, {
    message: "Give a name or role to change",
  });
export type UpdateUserInput = z.input<typeof updateUserInput>;

/** What anyone may see of a user. */
export const publicUserView = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.date(),
});

/** What the user themselves and admins see. */
export const userView = publicUserView.extend({
  email: z.string(),
  role: z.enum(["USER", "ADMIN"]),
  bannedAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type PublicUserView = z.infer<typeof publicUserView>;
export type UserView = z.infer<typeof userView>;

export const userPage = z.object({ items: z.array(userView), nextCursor: z.string().nullable() });
