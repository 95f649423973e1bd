import { z } from "zod";
import { pageQuery, text } from "../shared/schemas";

/** The longest display name, the same at every door (web sign-up, REST register, renames). */
export const NAME_MAX = 80;

export const name = text("Name is required")
  .trim()
  .min(1, "Name is required")
  .max(NAME_MAX, `Name must be at most ${NAME_MAX} characters`);

/** Handles: what profile URLs and mentions are made of. */
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const username = text("Username is required")
  .trim()
  .min(1, "Username is required")
  .min(USERNAME_MIN, `Username must be at least ${USERNAME_MIN} characters`)
  .max(USERNAME_MAX, `Username must be at most ${USERNAME_MAX} characters`)
  .regex(/^[A-Za-z0-9_-]+$/, "Username may use only letters, digits, _ and -");

export const BIO_MAX = 1000;
/** An empty bio is no bio (null). */
export const bio = text("Bio must be text")
  .trim()
  .max(BIO_MAX, `Bio must be at most ${BIO_MAX} characters`)
  .transform((value) => value || null)
  .nullable();

const isWebUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
};
/** An avatar: an http(s) URL, or null (an empty string clears it too). */
export const image = text("Image must be a URL")
  .trim()
  .max(2000, "Image URL must be at most 2000 characters")
  .refine((value) => value === "" || isWebUrl(value), "Image must be an http(s) URL")
  .transform((value) => value || null)
  .nullable();

export const listUsersInput = pageQuery.extend({
  q: text().trim().max(200).optional().describe("Part of an email, name or username"),
});
export type ListUsersInput = z.input<typeof listUsersInput>;

export const updateUserInput = z
  .strictObject({
    name: name.optional(),
    username: username.optional(),
    bio: bio.optional(),
    image: image.optional(),
    role: z.enum(["USER", "ADMIN"]).optional().describe("Admins only, and not on themselves"),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: "Give a name, username, bio, image or role to change",
  });
export type UpdateUserInput = z.input<typeof updateUserInput>;

/** What anyone may see of a user. */
export const publicUserView = z.object({
  id: z.number().int(),
  name: z.string(),
  username: z.string(),
  bio: z.string().nullable(),
  image: z.string().nullable(),
  createdAt: z.date(),
});

/** A profile as a reader sees it, with whether the reader follows it. */
export const profileView = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string(),
  bio: z.string().nullable(),
  image: z.string().nullable(),
  following: z.boolean().describe("Whether the viewer follows them (false when anonymous)"),
});
export type ProfileView = z.infer<typeof profileView>;

export const usernameParams = z.strictObject({ username });

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
