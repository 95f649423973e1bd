import type { Prisma, PrismaClient } from "@prisma/client";
import { audit, type RequestMeta } from "../audit/audit.service";
import { entryOf, type CachedPage, type FeedCache } from "../cache/feedCache";
import { metrics } from "../observability/metrics";
import { pageQuery, toPage } from "../shared/cursor";
import { forbidden, notFound, orNotFound } from "../shared/errors";
import { idempotent, requestHash, type StoredResponse } from "../shared/idempotency";
import { parseInput } from "../shared/validation";
import { isAdmin, requireActiveViewer, type Viewer } from "../shared/viewer";
import {
  createPostInput,
  feedInput,
  updatePostInput,
  type FeedPage,
  type PostView,
} from "./posts.schemas";

// Post use cases, shared by the Wasp operations (browser) and the REST API.
// No Express or Wasp types here: callers pass the database and the viewer in.
export type PostDeps = { db: PrismaClient; cache?: FeedCache; meta?: RequestMeta };
export type { FeedPage, PostView };

const postSelect = {
  id: true,
  title: true,
  content: true,
  createdAt: true,
  updatedAt: true,
  hiddenAt: true,
  hiddenReason: true,
  author: { select: { id: true, name: true } },
} as const satisfies Prisma.PostSelect;

/** A hidden post exists only for its author and admins; everyone else gets a 404. */
const canSee = (post: { hiddenAt: Date | null; author: { id: number } }, viewer: Viewer | null) =>
  !post.hiddenAt || viewer?.id === post.author.id || isAdmin(viewer);

export async function createPost(
  viewer: Viewer | null,
  rawInput: unknown,
  deps: PostDeps,
): Promise<PostView> {
  return (await createPostOnce(viewer, rawInput, deps)).body;
}

/**
 * Creates a post; with an idempotency key, a retry of the same request returns the first
 * response (`replayed`) and creates nothing.
 */
export async function createPostOnce(
  viewer: Viewer | null,
  rawInput: unknown,
  { db, cache }: PostDeps,
  idempotencyKey?: string,
): Promise<StoredResponse<PostView>> {
  const author = requireActiveViewer(viewer);
  const input = parseInput(createPostInput, rawInput);
  const insert = async (tx: Prisma.TransactionClient) => ({
    status: 201,
    body: await tx.post.create({ data: { ...input, authorId: author.id }, select: postSelect }),
  });
  const result = idempotencyKey
    ? await idempotent(
        db,
        { userId: author.id, key: idempotencyKey, requestHash: requestHash(input) },
        insert,
      )
    : { ...(await insert(db)), replayed: false };
  if (!result.replayed) {
    metrics.postCreated();
    await cache?.invalidate();
  }
  return result;
}

/**
 * The public feed, or one author's posts with `authorId`. Hidden posts are left out, except
 * from an author's list as its author or an admin reads it, where they show with `hiddenAt`.
 * First pages that look the same to everyone are served from the cache as ready JSON.
 */
export async function listFeedJson(
  viewer: Viewer | null,
  rawInput: unknown,
  { db, cache }: PostDeps,
): Promise<CachedPage> {
  const input = parseInput(feedInput, rawInput ?? {});
  // Hidden posts never appear in the public feed, for anyone; in one author's list they show
  // (flagged) to that author and to admins.
  const includeHidden =
    input.authorId !== undefined && (viewer?.id === input.authorId || isAdmin(viewer));
  const load = async () => JSON.stringify(await queryFeed(db, input, includeHidden));
  // Cursor pages are not cached: any timestamp makes a valid cursor, so their keys are unbounded.
  if (!cache || includeHidden || input.cursor) return entryOf(await load());
  return cache.page(`${input.authorId ?? "all"}:${input.limit}`, load);
}

/** The same feed as objects (for the Wasp query), from the same cache entries. */
export async function listFeed(
  viewer: Viewer | null,
  rawInput: unknown,
  deps: PostDeps,
): Promise<FeedPage> {
  const page = JSON.parse((await listFeedJson(viewer, rawInput, deps)).body.toString()) as FeedPage;
  for (const post of page.items) {
    post.createdAt = new Date(post.createdAt);
    post.updatedAt = new Date(post.updatedAt);
    post.hiddenAt = post.hiddenAt && new Date(post.hiddenAt);
  }
  return page;
}

async function queryFeed(
  db: PrismaClient,
  { cursor, limit, authorId }: { cursor?: string; limit: number; authorId?: number },
  includeHidden: boolean,
): Promise<FeedPage> {
  const match: Prisma.PostWhereInput = {
    ...(includeHidden ? {} : { hiddenAt: null }),
    ...(authorId ? { authorId } : {}),
  };
  const rows = await db.post.findMany({ ...pageQuery(match, cursor, limit), select: postSelect });
  return toPage(rows, limit);
}

export async function getPost(viewer: Viewer | null, id: number, { db }: PostDeps) {
  const post = await db.post.findUnique({ where: { id }, select: postSelect });
  if (!post || !canSee(post, viewer)) throw notFound("Post");
  return post;
}

/** Loads a post for a change: 404 when the viewer may not even see it, 403 when not theirs. */
async function postToChange(viewer: Viewer, id: number, db: PrismaClient) {
  const post = await getPost(viewer, id, { db });
  if (post.author.id !== viewer.id && !isAdmin(viewer)) {
    throw forbidden("Only the author or an admin can change this post");
  }
  return post;
}

export async function updatePost(
  viewer: Viewer | null,
  id: number,
  rawInput: unknown,
  { db, cache }: PostDeps,
): Promise<PostView> {
  const editor = requireActiveViewer(viewer);
  const input = parseInput(updatePostInput, rawInput);
  await postToChange(editor, id, db);
  // A DELETE racing this one may remove the post after the check: 404, as if it came first.
  const post = await db.post
    .update({ where: { id }, data: input, select: postSelect })
    .catch(orNotFound("Post"));
  await cache?.invalidate();
  return post;
}

export async function deletePost(viewer: Viewer | null, id: number, { db, cache, meta }: PostDeps) {
  const editor = requireActiveViewer(viewer);
  const post = await postToChange(editor, id, db);
  await db.$transaction(async (tx) => {
    // Of two deletes racing past the check, one deletes the post and the other gets the 404.
    const { count } = await tx.post.deleteMany({ where: { id } });
    if (count === 0) throw notFound("Post");
    if (post.author.id !== editor.id) {
      await audit(tx, {
        actorId: editor.id,
        action: "post.delete_by_admin",
        target: { type: "post", id },
        metadata: { authorId: post.author.id, title: post.title },
        meta,
      });
    }
  });
  await cache?.invalidate();
}
