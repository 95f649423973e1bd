import type { Prisma } from "@prisma/client";

// The audit trail. Callers pass the transaction client of the write being recorded, so an
// action and its audit row commit or roll back together.
export type AuditAction =
  | "auth.register"
  | "auth.login"
  | "auth.login_failed"
  | "auth.logout"
  | "auth.refresh_reuse"
  | "user.update"
  | "user.role_change"
  | "user.delete"
  | "user.ban"
  | "user.unban"
  | "post.hide"
  | "post.restore"
  | "post.delete_by_admin"
  | "report.create"
  | "report.dismiss";

/** Where a request came from, for the audit row. */
export type RequestMeta = { ip?: string | null; requestId?: string | null };

export type AuditEvent = {
  actorId: number | null;
  action: AuditAction;
  target?: { type: "user" | "post" | "report"; id: number | string };
  metadata?: Prisma.InputJsonValue;
  meta?: RequestMeta;
};

export function audit(tx: Prisma.TransactionClient, event: AuditEvent) {
  return tx.auditLog.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      targetType: event.target?.type ?? null,
      targetId: event.target ? String(event.target.id) : null,
      ip: event.meta?.ip ?? null,
      requestId: event.meta?.requestId ?? null,
      metadata: event.metadata,
    },
  });
}
