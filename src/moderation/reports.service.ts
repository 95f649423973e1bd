import type { Prisma, PrismaClient } from "@prisma/client";
import { audit, type RequestMeta } from "../audit/audit.service";
import { pageQuery, toPage } from "../shared/cursor";
import { AppError, notFound, prismaCode } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { requireActiveViewer, requireAdmin, type Viewer } from "../shared/viewer";
import { findVisibleComment } from "../comments/comments.service";
import { getPost } from "../posts/posts.service";
import {
  createReportInput,
  dismissReportInput,
  EXCERPT_MAX,
  reportQueueInput,
  type Page,
  type ReportView,
} from "./moderation.schemas";

// Reports: any signed-in user flags a post or a comment; admins work through the open ones.
// `cache` is whatever holds rendered feeds: hiding or restoring a post changes what they show.
export type ModerationDeps = {
  db: PrismaClient;
  meta?: RequestMeta;
  cache?: { invalidate(): Promise<unknown> };
};

const person = { select: { id: true, name: true } } as const;

const reportSelect = {
  id: true,
  reason: true,
  createdAt: true,
  post: { select: { id: true, title: true, hiddenAt: true, author: person } },
  comment: {
    select: {
      id: true,
      body: true,
      hiddenAt: true,
      author: person,
      post: { select: { id: true, title: true } },
    },
  },
  reporter: person,
} as const satisfies Prisma.ReportSelect;

type ReportRow = Prisma.ReportGetPayload<{ select: typeof reportSelect }>;

/** The start of a comment for a table cell: one line, cut at a whole character. */
export function excerpt(body: string) {
  const chars = Array.from(body.replace(/\s+/g, " ").trim());
  return chars.length <= EXCERPT_MAX
    ? chars.join("")
    : `${chars.slice(0, EXCERPT_MAX - 1).join("")}…`;
}

function toReportView({ post, comment, ...report }: ReportRow): ReportView {
  if (post) return { ...report, kind: "post", post };
  // The CHECK constraint Report_one_target guarantees one of the two.
  if (!comment) throw new Error(`Report ${report.id} names neither a post nor a comment`);
  const { body, ...rest } = comment;
  return { ...report, kind: "comment", comment: { ...rest, excerpt: excerpt(body) } };
}

/**
 * Files a report of a post or a comment, or updates the reason of the reporter's earlier one
 * (one per reporter and post, or comment). A report that had been dismissed opens again: the
 * reporter has something new to say.
 */
export async function createReport(
  viewer: Viewer | null,
  rawInput: unknown,
  { db, meta }: ModerationDeps,
) {
  const reporter = requireActiveViewer(viewer);
  const input = parseInput(createReportInput, rawInput);
  const { reason } = input;
  const on: { commentId: number } | { postId: number } =
    "commentId" in input ? { commentId: input.commentId } : { postId: input.postId };
  // 404 for what the reporter cannot see (a hidden post, someone else's hidden comment).
  if ("commentId" in on) await findVisibleComment(reporter, on.commentId, { db });
  else await getPost(reporter, on.postId, { db });
  const key: Prisma.ReportWhereUniqueInput =
    "commentId" in on
      ? { commentId_reporterId: { commentId: on.commentId, reporterId: reporter.id } }
      : { postId_reporterId: { postId: on.postId, reporterId: reporter.id } };
  const file = () =>
    db.$transaction(async (tx) => {
      const earlier = await tx.report.findUnique({ where: key, select: { id: true } });
      const report = await tx.report.upsert({
        where: key,
        create: { ...on, reporterId: reporter.id, reason },
        update: { reason, resolvedAt: null, resolvedById: null, resolution: null },
        select: { id: true, postId: true, commentId: true, reason: true, createdAt: true },
      });
      await audit(tx, {
        actorId: reporter.id,
        action: "report.create",
        target: { type: "report", id: report.id },
        metadata: { ...on, reason, repeated: Boolean(earlier) },
        meta,
      });
      return { ...report, repeated: Boolean(earlier) };
    });
  for (let attempt = 1; ; attempt++) {
    try {
      return await file();
    } catch (error) {
      // Its post or comment was deleted after the check above: the 404 the check would have given.
      if (prismaCode(error) === "P2003") throw notFound("commentId" in on ? "Comment" : "Post");
      // The reporter's other request created the report first: once more, to update it.
      if (prismaCode(error) !== "P2002" || attempt > 1) throw error;
    }
  }
}

/** The moderation queue: open reports of posts and comments alike, newest first. */
export async function listOpenReports(
  viewer: Viewer | null,
  rawInput: unknown,
  { db }: ModerationDeps,
): Promise<Page<ReportView>> {
  requireAdmin(viewer);
  const { cursor, limit } = parseInput(reportQueueInput, rawInput ?? {});
  const query = pageQuery({ resolvedAt: null }, cursor, limit);
  const rows = await db.report.findMany({
    ...query,
    // `resolvedAt IS NULL` is no equality to the planner: only with the order led by resolvedAt
    // does the (resolvedAt, createdAt, id) index give the rows in order, from the cursor on,
    // instead of every open report older than the cursor read and sorted.
    orderBy: [{ resolvedAt: "asc" }, ...query.orderBy],
    select: reportSelect,
  });
  const page = toPage(rows, limit);
  return { ...page, items: page.items.map(toReportView) };
}

export async function dismissReport(
  viewer: Viewer | null,
  rawInput: unknown,
  { db, meta }: ModerationDeps,
) {
  const admin = requireAdmin(viewer);
  const { reportId } = parseInput(dismissReportInput, rawInput);
  await db.$transaction(async (tx) => {
    // Conditional update: two admins dismissing at once resolve it once and audit it once.
    const { count } = await tx.report.updateMany({
      where: { id: reportId, resolvedAt: null },
      data: { resolvedAt: new Date(), resolvedById: admin.id, resolution: "dismissed" },
    });
    if (count === 0) {
      const exists = await tx.report.count({ where: { id: reportId } });
      throw exists
        ? new AppError("CONFLICT", "This report is already resolved")
        : notFound("Report");
    }
    await audit(tx, {
      actorId: admin.id,
      action: "report.dismiss",
      target: { type: "report", id: reportId },
      meta,
    });
  });
}
