-- The filtered lists' indexes end in the cursor's (createdAt, id) order, so a page after a
-- cursor is one index range with no sort: without `id`, PostgreSQL read every row from the
-- cursor to the end of the list (a bitmap scan) and sorted them to find the next 21.
DROP INDEX "Report_resolvedAt_createdAt_idx";
CREATE INDEX "Report_resolvedAt_createdAt_id_idx" ON "Report"("resolvedAt", "createdAt" DESC, "id" DESC);

DROP INDEX "AuditLog_action_createdAt_idx";
CREATE INDEX "AuditLog_action_createdAt_id_idx" ON "AuditLog"("action", "createdAt" DESC, "id" DESC);

DROP INDEX "AuditLog_actorId_createdAt_idx";
CREATE INDEX "AuditLog_actorId_createdAt_id_idx" ON "AuditLog"("actorId", "createdAt" DESC, "id" DESC);

DROP INDEX "AuditLog_targetType_targetId_createdAt_idx";
CREATE INDEX "AuditLog_targetType_targetId_createdAt_id_idx" ON "AuditLog"("targetType", "targetId", "createdAt" DESC, "id" DESC);
