import { z } from "zod";
import { id, moderationReason } from "../shared/schemas";

// A reader's report of a post, made on the post page and queued for moderation (the
// moderation service's createReport also takes a comment's: src/moderation/moderation.schemas.ts).
export const reportPostInput = z.strictObject({ postId: id, reason: moderationReason });
export type ReportPostInput = z.input<typeof reportPostInput>;
