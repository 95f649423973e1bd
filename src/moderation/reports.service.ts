import type { Prisma, PrismaClient } from "@prisma/client";
import { audit, type RequestMeta } from "../audit/audit.service";
import { pageQuery, toPage } from "../shared/cursor";
import { AppError, notFound, prismaCode } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { requireActiveViewer, requireAdmin, type Viewer } from "../shared/viewer";
import { getPost } from "../posts/posts.service";
import { createReportInput } from "../posts/reports.schemas";
import {
  dismissReportInput,
  reportQueueInput,
  type Page,
  type ReportView,
} from "./moderation.schemas";

// Reports: any signed-in user flags a post; admins work through the open ones.
// `cache` is whatever holds rendered feeds: hiding or restoring a post changes what they show.
export type ModerationDeps = {
  db: PrismaClient;
  meta?: RequestMeta;
  cache?: { invalidate(): Promise<unknown> };
};

const reportSelect = {
  id: true,
  reason: true,
  createdAt: true,
  post: {
    select: { id: true, title: true, hiddenAt: true, author: { select: { id: true, name: true } } },
  },
  reporter: { select: { id: true, name: true } },
} as const satisfies Prisma.ReportSelect;

/**
 * Files a report, or updates the reason of the reporter's earlier one (one per post and
 * reporter). A report that had been dismissed opens again: the reporter has something new to say.
 */
export async function createReport(
  viewer: Viewer | null,
  rawInput: unknown,
  { db, meta }: ModerationDeps,
) {
  const reporter = requireActiveViewer(viewer);
  const { postId, reason } = parseInput(createReportInput, rawInput);
  await getPost(reporter, postId, { db }); // 404 for posts the reporter cannot see
  const file = () =>
    db.$transaction(async (tx) => {
      const key = { postId_reporterId: { postId, reporterId: reporter.id } };
      const earlier = await tx.report.findUnique({ where: key, select: { id: true } });
      const report = await tx.report.upsert({
        where: key,
        create: { postId, reporterId: reporter.id, reason },
        update: { reason, resolvedAt: null, resolvedById: null, resolution: null },
        select: { id: true, postId: true, reason: true, createdAt: true },
      });
      await audit(tx, {
        actorId: reporter.id,
        action: "report.create",
        target: { type: "report", id: report.id },
        metadata: { postId, reason, repeated: Boolean(earlier) },
        meta,
      });
      return { ...report, repeated: Boolean(earlier) };
    });
  for (let attempt = 1; ; attempt++) {
    try {
      return await file();
    } catch (error) {
      // The post was deleted after the check above: the 404 the check would have given.
      if (prismaCode(error) === "P2003") throw notFound("Post");
      // The reporter's other request created the report first: once more, to update it.
      if (prismaCode(error) !== "P2002" || attempt > 1) throw error;
    }
  }
}

/** The moderation queue: open reports, newest first. */
export async function listOpenReports(
  viewer: Viewer | null,
  rawInput: unknown,
  { db }: ModerationDeps,
): Promise<Page<ReportView>> {
  requireAdmin(viewer);
  const { cursor, limit } = parseInput(reportQueueInput, rawInput ?? {});
  const rows = await db.report.findMany({
    ...pageQuery({ resolvedAt: null, postId: { not: null } }, cursor, limit),
    select: reportSelect,
  });
  const page = toPage(rows, limit);
  return {
    ...page,
    items: page.items.flatMap((row) => (row.post ? [{ ...row, post: row.post }] : [])),
  };
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
