import { z } from "zod";
import { id, moderationReason, pageQuery, text } from "../shared/schemas";

export const COMMENT_MAX = 5000;

export const commentBody = text("A comment needs a body")
  .trim()
  .min(1, "A comment needs a body")
  .max(COMMENT_MAX, `A comment must be at most ${COMMENT_MAX} characters`);

export const createCommentInput = z.strictObject({ body: commentBody });
export type CreateCommentInput = z.input<typeof createCommentInput>;

export const commentsInput = pageQuery;

// A reader's report of a comment, queued for moderation beside reports of posts.
export const reportCommentInput = z.strictObject({ commentId: id, reason: moderationReason });
export type ReportCommentInput = z.input<typeof reportCommentInput>;

export const commentView = z.object({
  id: z.number().int(),
  body: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  postId: z.number().int(),
  author: z.object({
    id: z.number().int(),
    name: z.string(),
    username: z.string(),
    bio: z.string().nullable(),
    image: z.string().nullable(),
    following: z.boolean(),
  }),
  hiddenAt: z.date().nullable().describe("Set when moderation hid the comment"),
  hiddenReason: z.string().nullable(),
});
export type CommentView = z.infer<typeof commentView>;

export const commentPage = z.object({
  items: z.array(commentView),
  nextCursor: z.string().nullable(),
});
export type CommentPage = z.infer<typeof commentPage>;
