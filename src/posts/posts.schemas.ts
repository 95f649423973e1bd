import { z } from "zod";
import { id, pageQuery, text } from "../shared/schemas";
import { CONTENT_MAX, TITLE_MAX } from "./limits";

const title = text("Title is required")
  .trim()
  .min(1, "Title is required")
  .max(TITLE_MAX, `Title must be at most ${TITLE_MAX} characters`);
const content = text("Content is required")
  .trim()
  .min(1, "Content is required")
  .max(CONTENT_MAX, `Content must be at most ${CONTENT_MAX} characters`);

export const createPostInput = z.strictObject({ title, content });
export type CreatePostInput = z.input<typeof createPostInput>;

export const updatePostInput = z
  .strictObject({ title: title.optional(), content: content.optional() })
  .refine((input) => input.title !== undefined || input.content !== undefined, {
    message: "Give a title or content to change",
  });
export type UpdatePostInput = z.input<typeof updatePostInput>;

export const feedInput = pageQuery.extend({ authorId: id.optional() });
export type FeedInput = z.input<typeof feedInput>;

export const postView = z.object({
  id: z.number().int(),
  title: z.string(),
  content: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  author: z.object({ id: z.number().int(), name: z.string() }),
  hiddenAt: z.date().nullable().describe("Set when moderation hid the post"),
  hiddenReason: z.string().nullable(),
});
export type PostView = z.infer<typeof postView>;

export const feedPage = z.object({ items: z.array(postView), nextCursor: z.string().nullable() });
export type FeedPage = z.infer<typeof feedPage>;
