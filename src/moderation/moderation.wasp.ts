import { action, page, query, route } from "@wasp.sh/spec";
import {
  banUser,
  createReport,
  dismissReport,
  getAuditEvents,
  getModerationComments,
  getModerationPosts,
  getReportQueue,
  hideComment,
  hidePost,
  restoreComment,
  restorePost,
  unbanUser,
} from "./operations" with { type: "ref" };
import { ModerationPage } from "./ModerationPage" with { type: "ref" };

// Entities only drive Wasp's cache invalidation here (services get `prisma` directly): after
// any moderation action, the queue, post, comment and user lists, feeds and the audit list refetch.
type Entity = "Post" | "Comment" | "User" | "Report" | "AuditLog";
const all: Entity[] = ["Post", "Comment", "User", "Report", "AuditLog"];

export const moderationSpec = [
  route("AdminRoute", "/admin", page(ModerationPage, { authRequired: true })),
  action(createReport, { entities: ["Report", "AuditLog"] }),
  query(getReportQueue, { entities: all }),
  query(getModerationPosts, { entities: all }),
  query(getModerationComments, { entities: all }),
  query(getAuditEvents, { entities: all }),
  action(dismissReport, { entities: all }),
  action(hidePost, { entities: all }),
  action(restorePost, { entities: all }),
  action(hideComment, { entities: all }),
  action(restoreComment, { entities: all }),
  action(banUser, { entities: all }),
  action(unbanUser, { entities: all }),
];
