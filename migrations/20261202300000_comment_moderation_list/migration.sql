-- The admin comment list: newest first, and its "hidden only" filter.
CREATE INDEX "Comment_createdAt_id_idx" ON "Comment"("createdAt" DESC, "id" DESC);

CREATE INDEX "Comment_hiddenAt_idx" ON "Comment"("hiddenAt");
