-- Full-text search over posts: a tsvector PostgreSQL keeps current itself (a generated column,
-- so no trigger and no write path can forget it) and a GIN index to answer @@ from.
--
-- The `english` configuration: posts are written in English, and readers expect "dragons" to
-- find "dragon" and "running" to find "run"; stop words ("the", "of") are left out of the
-- vector and of the query alike. The config is named as a regconfig constant, which keeps the
-- expression immutable (a generated column requires it) and independent of the server's
-- default_text_search_config. Title weighs most (A), then description (B), then body (C).

-- AlterTable
ALTER TABLE "Post" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, "title"), 'A') ||
  setweight(to_tsvector('english'::regconfig, "description"), 'B') ||
  setweight(to_tsvector('english'::regconfig, "content"), 'C')
) STORED;

-- CreateIndex
CREATE INDEX "Post_search_idx" ON "Post" USING GIN ("search");
