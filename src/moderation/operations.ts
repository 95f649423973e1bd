import { prisma } from "wasp/server";
import { feedCache } from "../cache";
import type {
  BanUser,
  CreateReport,
  DismissReport,
  GetAuditEvents,
  GetModerationPosts,
  GetReportQueue,
  HidePost,
  RestorePost,
  UnbanUser,
} from "wasp/server/operations";
import { asOperation, viewerFrom } from "../shared/wasp";
import type { AuditEventView, ModerationPostView, Page, ReportView } from "./moderation.schemas";
import * as moderation from "./moderation.service";
import * as reports from "./reports.service";

// Browser transport for moderation: who is asking → service → HttpError. The services check
// the admin role themselves, so a hand-made request to these routes is refused just the same.
type PageArgs = { cursor?: string; limit?: number } | undefined;
type SearchArgs = (PageArgs & { q?: string }) | undefined;

export const createReport: CreateReport<
  { postId: number; reason: string },
  { id: number; repeated: boolean }
> = (args, context) =>
  asOperation(() => reports.createReport(viewerFrom(context.user), args, { db: prisma }));

export const getReportQueue: GetReportQueue<PageArgs, Page<ReportView>> = (args, context) =>
  asOperation(() => reports.listOpenReports(viewerFrom(context.user), args, { db: prisma }));

export const dismissReport: DismissReport<{ reportId: number }, void> = (args, context) =>
  asOperation(() => reports.dismissReport(viewerFrom(context.user), args, { db: prisma }));

export const hidePost: HidePost<{ postId: number; reason: string }, { reportsResolved: number }> = (
  args,
  context,
) =>
  asOperation(() =>
    moderation.hidePost(viewerFrom(context.user), args, { db: prisma, cache: feedCache() }),
  );

export const restorePost: RestorePost<{ postId: number }, void> = (args, context) =>
  asOperation(() =>
    moderation.restorePost(viewerFrom(context.user), args, { db: prisma, cache: feedCache() }),
  );

export const banUser: BanUser<
  { userId: number; reason?: string },
  { sessionsEnded: number; tokensRevoked: number }
> = (args, context) =>
  asOperation(() =>
    moderation.banUser(viewerFrom(context.user), args, { db: prisma, cache: feedCache() }),
  );

export const unbanUser: UnbanUser<{ userId: number }, void> = (args, context) =>
  asOperation(() =>
    moderation.unbanUser(viewerFrom(context.user), args, { db: prisma, cache: feedCache() }),
  );

export const getModerationPosts: GetModerationPosts<SearchArgs, Page<ModerationPostView>> = (
  args,
  context,
) => asOperation(() => moderation.searchPosts(viewerFrom(context.user), args, { db: prisma }));

export const getAuditEvents: GetAuditEvents<PageArgs, Page<AuditEventView>> = (args, context) =>
  asOperation(() => moderation.listAuditEvents(viewerFrom(context.user), args, { db: prisma }));
