import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { id, moderationReason as reason, pageQuery, text } from "../shared/schemas";

// Inputs of the moderation use cases, shared by the Wasp operations and any future REST route.
// (A reader's report of a post is the post page's: src/posts/reports.schemas.ts.)

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

export type ReportView = {
  id: number;
  reason: string;
  createdAt: Date;
  post: { id: number; title: string; hiddenAt: Date | null; author: { id: number; name: string } };
  reporter: { id: number; name: string };
};

export type ModerationPostView = {
  id: number;
  title: string;
  createdAt: Date;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  author: { id: number; name: string };
  _count: { reports: number };
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
