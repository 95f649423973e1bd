import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { reportCommentInput } from "../comments/comments.schemas";
import { reportPostInput } from "../posts/reports.schemas";
import { id, moderationReason as reason, pageQuery, text } from "../shared/schemas";

// Inputs of the moderation use cases, shared by the Wasp operations and any future REST route.
// (A reader's report is made where the reader is: src/posts/reports.schemas.ts for a post,
// src/comments/comments.schemas.ts for a comment; this joins them for createReport.)

/** A report names exactly one post or one comment (the strict objects refuse both at once). */
export const createReportInput = z.union([reportPostInput, reportCommentInput], {
  error: "A report names either a postId or a commentId, and a reason",
});
export type CreateReportInput = z.input<typeof createReportInput>;

export const dismissReportInput = z.strictObject({ reportId: id });
export const hidePostInput = z.strictObject({ postId: id, reason });
export const restorePostInput = z.strictObject({ postId: id });
export const hideCommentInput = z.strictObject({ commentId: id, reason });
export const restoreCommentInput = z.strictObject({ commentId: id });
export const banUserInput = z.strictObject({ userId: id, reason: reason.optional() });
export const unbanUserInput = z.strictObject({ userId: id });

export const reportQueueInput = pageQuery;
export const searchPostsInput = pageQuery.extend({
  q: text().trim().max(200).optional().describe("Part of a title or content"),
});

export const moderationCommentsInput = pageQuery.extend({
  hiddenOnly: z.boolean().default(false).describe("Only the comments admins have hidden"),
});

type Person = { id: number; name: string };

/** How much of a reported comment the queue shows, in characters. */
export const EXCERPT_MAX = 200;

/** One open report; `kind` says which of `post` or `comment` it is about. */
export type ReportView = {
  id: number;
  reason: string;
  createdAt: Date;
  reporter: Person;
} & (
  | {
      kind: "post";
      post: { id: number; title: string; hiddenAt: Date | null; author: Person };
    }
  | {
      kind: "comment";
      comment: {
        id: number;
        /** The start of the comment's text, whitespace collapsed (see EXCERPT_MAX). */
        excerpt: string;
        hiddenAt: Date | null;
        author: Person;
        post: { id: number; title: string };
      };
    }
);

export type ModerationPostView = {
  id: number;
  title: string;
  createdAt: Date;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  author: { id: number; name: string };
  _count: { reports: number };
};

/** One comment in the admin list, hidden or not. */
export type ModerationCommentView = {
  id: number;
  /** The start of the comment's text, whitespace collapsed (see EXCERPT_MAX). */
  excerpt: string;
  createdAt: Date;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  author: Person;
  post: { id: number; title: string };
};

export type AuditEventView = {
  id: number;
  action: string;
  createdAt: Date;
  actor: { id: number; name: string } | null;
  targetType: string | null;
  targetId: string | null;
  metadata: Prisma.JsonValue;
};

export type Page<T> = { items: T[]; nextCursor: string | null };
