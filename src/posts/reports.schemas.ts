import { z } from "zod";
import { id, moderationReason } from "../shared/schemas";

// A reader's report of a post, made on the post page and queued for moderation.
export const createReportInput = z.strictObject({ postId: id, reason: moderationReason });
export type CreateReportInput = z.input<typeof createReportInput>;
