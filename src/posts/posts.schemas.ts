import { z } from "zod";
import { CONTENT_MAX, TITLE_MAX } from "./limits";

export const createPostInput = z.object({
  title: z
    .string({ error: "Title is required" })
    .trim()
    .min(1, "Title is required")
    .max(TITLE_MAX, `Title must be at most ${TITLE_MAX} characters`),
  content: z
    .string({ error: "Content is required" })
    .trim()
    .min(1, "Content is required")
    .max(CONTENT_MAX, `Content must be at most ${CONTENT_MAX} characters`),
});
export type CreatePostInput = z.infer<typeof createPostInput>;

export const feedInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  authorId: z.coerce.number().int().positive().optional(),
});
export type FeedInput = z.input<typeof feedInput>;
