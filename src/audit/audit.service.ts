import type { AuditLog, Prisma, PrismaClient } from "@prisma/client";
import { logger } from "../observability/logger";
import { currentRequest } from "../observability/requestContext";
import { metrics } from "../observability/metrics";
import { pageQuery, toPage } from "../shared/cursor";
import { parseInput } from "../shared/validation";
import { requireAdmin, type Viewer } from "../shared/viewer";
import { listAuditInput } from "./audit.schemas";

// The audit trail. Callers pass the transaction client of the write being recorded, so an
// action and its audit row commit or roll back together.
export type AuditAction =
  | "auth.register"
  | "auth.login"
  | "auth.login_failed"
  | "auth.logout"
  | "auth.refresh_reuse"
  | "auth.email_verified"
  | "auth.password_reset"
  | "auth.password_change"
  | "auth.email_change"
  | "user.update"
  | "user.role_change"
  | "user.delete"
  | "user.ban"
  | "user.unban"
  | "post.hide"
  | "post.restore"
  | "post.delete_by_admin"
  | "comment.hide"
  | "comment.restore"
  | "comment.delete_by_admin"
  | "report.create"
  | "report.dismiss";

/**
 * Where a request came from, for the audit row. audit() takes it from the request being served
 * (src/observability/requestContext.ts); a field given here wins, for callers outside a request.
 */
export type RequestMeta = {
  ip?: string | null;
  requestId?: string | null;
  userAgent?: string | null;
};

export type AuditEvent = {
  actorId: number | null;
  action: AuditAction;
  target?: { type: "user" | "post" | "comment" | "report"; id: number | string };
  metadata?: Prisma.InputJsonValue;
  meta?: RequestMeta;
};

// The log line goes to stdout, log shippers and their retention, so it names people by id only:
// of the row's metadata it keeps the scalar facts below and drops the rest (emails, names, free
// text), which stay in the audit table for admins.
const LOGGED_METADATA = new Set(["via", "reason", "self", "from", "to", "reportsResolved"]);
function loggable(metadata: Prisma.JsonValue | null) {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return undefined;
  const kept = Object.entries(metadata).filter(
    ([key, value]) => LOGGED_METADATA.has(key) && (typeof value !== "object" || value === null),
  );
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** Writes the row, then mirrors it as an "audit" log line (for log-based alerting). */
export async function audit(tx: Prisma.TransactionClient, event: AuditEvent) {
  const request = currentRequest();
  const row = await tx.auditLog.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      targetType: event.target?.type ?? null,
      targetId: event.target ? String(event.target.id) : null,
      ip: event.meta?.ip ?? request?.ip ?? null,
      requestId: event.meta?.requestId ?? request?.requestId ?? null,
      userAgent: event.meta?.userAgent ?? request?.userAgent ?? null,
      metadata: event.metadata,
    },
  });
  metrics.auditEvent(row.action);
  logger.info(
    {
      audit: true,
      auditId: row.id,
      action: row.action,
      actorId: row.actorId,
      targetType: row.targetType,
      targetId: row.targetId,
      requestId: row.requestId,
      ip: row.ip,
      metadata: loggable(row.metadata),
    },
    `audit ${row.action}`,
  );
  return row;
}

export type AuditDeps = { db: PrismaClient };
export type AuditPage = { items: AuditLog[]; nextCursor: string | null };

/** The audit trail for admins, newest first, filtered and paged with the shared cursor. */
export async function listAudit(
  viewer: Viewer | null,
  rawInput: unknown,
  { db }: AuditDeps,
): Promise<AuditPage> {
  requireAdmin(viewer);
  const { action, actorId, targetType, targetId, from, to, limit, cursor } = parseInput(
    listAuditInput,
    rawInput ?? {},
  );
  const match: Prisma.AuditLogWhereInput = {
    ...(action ? { action } : {}),
    ...(actorId ? { actorId } : {}),
    ...(targetType ? { targetType } : {}),
    ...(targetId ? { targetId } : {}),
    ...(from || to
      ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } }
      : {}),
  };
  const rows = await db.auditLog.findMany(pageQuery(match, cursor, limit));
  return toPage(rows, limit);
}
