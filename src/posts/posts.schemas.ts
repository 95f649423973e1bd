import { z } from "zod";
import { id, pageQuery, text } from "../shared/schemas";
import { username } from "../users/users.schemas";
import { CONTENT_MAX, DESCRIPTION_MAX, TAG_MAX, TAGS_MAX, TITLE_MAX } from "./limits";

const title = text("Title is required")
  .trim()
  .min(1, "Title is required")
  .max(TITLE_MAX, `Title must be at most ${TITLE_MAX} characters`);
const content = text("Content is required")
  .trim()
  .min(1, "Content is required")
  .max(CONTENT_MAX, `Content must be at most ${CONTENT_MAX} characters`);
const description = text("Description must be text")
  .trim()
  .max(DESCRIPTION_MAX, `Description must be at most ${DESCRIPTION_MAX} characters`);

/**
 * One tag as it is stored: Unicode-normalised, lowercase, runs of spaces as one dash, so
 * "Dragons", " dragons " and "DRAGONS" are one tag, and "Machine  Learning" is machine-learning.
 */
export const tag = text("A tag must be text")
  .transform((value) => value.normalize("NFC").trim().toLowerCase().replace(/\s+/g, "-"))
  .pipe(
    z
      .string()
      // Blank says it all: not also that the nothing there has no forbidden character.
      .min(1, { error: "A tag cannot be blank", abort: true })
      .max(TAG_MAX, `A tag must be at most ${TAG_MAX} characters`)
      .regex(/^[^,/?#]+$/, "A tag cannot contain , / ? or #"),
  );

/** A post's tags in the writer's order, each once. */
export const tagList = z
  .array(tag, { error: "Tags must be a list of strings" })
  .transform((tags) => [...new Set(tags)])
  .pipe(z.array(z.string()).max(TAGS_MAX, `At most ${TAGS_MAX} tags`));

export const createPostInput = z.strictObject({
  title,
  content,
  description: description.optional(),
  tags: tagList.optional(),
});
export type CreatePostInput = z.input<typeof createPostInput>;

export const updatePostInput = z
  .strictObject({
    title: title.optional(),
    content: content.optional(),
    description: description.optional(),
    tags: tagList.optional().describe("Replaces the post's tags ([] removes them all)"),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: "Give a title, content, description or tags to change",
  });
export type UpdatePostInput = z.input<typeof updatePostInput>;

export const feedInput = pageQuery.extend({
  authorId: id.optional(),
  author: username.optional().describe("Only this author's posts (a username)"),
  tag: tag.optional().describe("Only posts with this tag"),
  favoritedBy: username.optional().describe("Only posts this user (a username) favourited"),
});
export type FeedInput = z.input<typeof feedInput>;

/** The following feed (posts by the people the viewer follows) takes paging only. */
export const followingFeedInput = feedInput.pick({ cursor: true, limit: true });

export const slugParams = z.strictObject({
  slug: text("A slug is required").min(1, "A slug is required").max(200, "No such slug"),
});

export const authorView = z.object({
  id: z.number().int(),
  name: z.string(),
  username: z.string(),
  bio: z.string().nullable(),
  image: z.string().nullable(),
  following: z.boolean().describe("Whether the viewer follows the author (false when anonymous)"),
});

export const postView = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  content: z.string().describe("Markdown"),
  tags: z.array(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
  author: authorView,
  favoritesCount: z.number().int(),
  favorited: z.boolean().describe("Whether the viewer favourited it (false when anonymous)"),
  hiddenAt: z.date().nullable().describe("Set when moderation hid the post"),
  hiddenReason: z.string().nullable(),
});
export type PostView = z.infer<typeof postView>;
export type AuthorView = z.infer<typeof authorView>;

export const feedPage = z.object({ items: z.array(postView), nextCursor: z.string().nullable() });
export type FeedPage = z.infer<typeof feedPage>;

/** GET /tags takes no parameters: an unknown one is refused, as everywhere. */
export const tagsInput = z.strictObject({});
export const tagsView = z.object({
  tags: z.array(z.string()).describe("Every tag on a post anyone can see, the most used first"),
});
