import type { z } from "zod";
import type {
  BanUser,
  CreateReport,
  DismissReport,
  GetAuditEvents,
  GetModerationComments,
  GetModerationPosts,
  GetReportQueue,
  HideComment,
  HidePost,
  RestoreComment,
  RestorePost,
  UnbanUser,
} from "wasp/server/operations";
import { serviceDeps } from "../server/serviceDeps";
import { asOperation, viewerFrom } from "../shared/wasp";
import type { ListAuditInput } from "../audit/audit.schemas";
import type {
  AuditEventView,
  CreateReportInput,
  ModerationCommentView,
  ModerationPostView,
  Page,
  ReportView,
  banUserInput,
  dismissReportInput,
  hideCommentInput,
  hidePostInput,
  moderationCommentsInput,
  reportQueueInput,
  restoreCommentInput,
  restorePostInput,
  searchPostsInput,
  unbanUserInput,
} from "./moderation.schemas";
import * as commentModeration from "./commentModeration.service";
import * as moderation from "./moderation.service";
import * as reports from "./reports.service";

// Browser transport for moderation: who is asking → service → HttpError. The services check
// the admin role themselves, so a hand-made request to these routes is refused just the same.

export const createReport: CreateReport<CreateReportInput, { id: number; repeated: boolean }> = (
  args,
  context,
) => asOperation(() => reports.createReport(viewerFrom(context.user), args, serviceDeps()));

export const getReportQueue: GetReportQueue<
  z.input<typeof reportQueueInput> | undefined,
  Page<ReportView>
> = (args, context) =>
  asOperation(() => reports.listOpenReports(viewerFrom(context.user), args, serviceDeps()));

export const dismissReport: DismissReport<z.input<typeof dismissReportInput>, void> = (
  args,
  context,
) => asOperation(() => reports.dismissReport(viewerFrom(context.user), args, serviceDeps()));

export const hidePost: HidePost<z.input<typeof hidePostInput>, { reportsResolved: number }> = (
  args,
  context,
) => asOperation(() => moderation.hidePost(viewerFrom(context.user), args, serviceDeps()));

export const restorePost: RestorePost<z.input<typeof restorePostInput>, void> = (args, context) =>
  asOperation(() => moderation.restorePost(viewerFrom(context.user), args, serviceDeps()));

export const hideComment: HideComment<
  z.input<typeof hideCommentInput>,
  { reportsResolved: number }
> = (args, context) =>
  asOperation(() => commentModeration.hideComment(viewerFrom(context.user), args, serviceDeps()));

export const restoreComment: RestoreComment<z.input<typeof restoreCommentInput>, void> = (
  args,
  context,
) =>
  asOperation(() =>
    commentModeration.restoreComment(viewerFrom(context.user), args, serviceDeps()),
  );

export const getModerationComments: GetModerationComments<
  z.input<typeof moderationCommentsInput> | undefined,
  Page<ModerationCommentView>
> = (args, context) =>
  asOperation(() =>
    commentModeration.listCommentsForModeration(viewerFrom(context.user), args, serviceDeps()),
  );

export const banUser: BanUser<
  z.input<typeof banUserInput>,
  { sessionsEnded: number; tokensRevoked: number }
> = (args, context) =>
  asOperation(() => moderation.banUser(viewerFrom(context.user), args, serviceDeps()));

export const unbanUser: UnbanUser<z.input<typeof unbanUserInput>, void> = (args, context) =>
  asOperation(() => moderation.unbanUser(viewerFrom(context.user), args, serviceDeps()));

export const getModerationPosts: GetModerationPosts<
  z.input<typeof searchPostsInput> | undefined,
  Page<ModerationPostView>
> = (args, context) =>
  asOperation(() => moderation.searchPosts(viewerFrom(context.user), args, serviceDeps()));

export const getAuditEvents: GetAuditEvents<ListAuditInput | undefined, Page<AuditEventView>> = (
  args,
  context,
) => asOperation(() => moderation.listAuditEvents(viewerFrom(context.user), args, serviceDeps()));
