import type { Prisma, PrismaClient } from "@prisma/client";
import { audit, type RequestMeta } from "../audit/audit.service";
import { entryOf, type CachedPage, type FeedCache } from "../cache/feedCache";
import { metrics } from "../observability/metrics";
import { pageQuery, toPage } from "../shared/cursor";
import { forbidden, notFound, orNotFound } from "../shared/errors";
import { idempotent, requestHash, type StoredResponse } from "../shared/idempotency";
import { prismaSql, type SqlRunner } from "../shared/sql";
import { parseInput } from "../shared/validation";
import { isAdmin, requireActiveViewer, requireViewer, type Viewer } from "../shared/viewer";
import { insertPost, transactionSql } from "./insertPost";
import {
  createPostInput,
  feedInput,
  followingFeedInput,
  slugParams,
  updatePostInput,
  type FeedInput,
  type FeedPage,
  type PostView,
} from "./posts.schemas";
import { authorView } from "../users/authorView";
import { freeSlug, withSlugRetry } from "./slugs";
import { applyViewerFlags, setTags } from "./postRelations";

// Post use cases, shared by the Wasp operations (browser), /api/v1 and the RealWorld /api.
// No Express or Wasp types here: callers pass the database and the viewer in.
// `sql` runs the hand-written reads through the pool (prepared statements); without it they go
// through Prisma as raw queries.
export type PostDeps = { db: PrismaClient; sql?: SqlRunner; cache?: FeedCache; meta?: RequestMeta };
const sqlOf = ({ db, sql }: PostDeps) => sql ?? prismaSql(db);
export type { FeedPage, PostView };

export const postSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  content: true,
  createdAt: true,
  updatedAt: true,
  hiddenAt: true,
  hiddenReason: true,
  favoritesCount: true,
  author: {
    select: { id: true, name: true, username: true, bio: true, image: true, bannedAt: true },
  },
  tags: { select: { tag: { select: { name: true } } }, orderBy: { position: "asc" } },
} as const satisfies Prisma.PostSelect;

type PostRow = Prisma.PostGetPayload<{ select: typeof postSelect }>;

/** The view everyone shares; the viewer's own flags are false until applyViewerFlags sets them. */
export function toPostView({ author, tags, ...post }: PostRow): PostView {
  return {
    ...post,
    tags: tags.map(({ tag }) => tag.name),
    author: authorView(author, false),
    favorited: false,
  };
}

/** What everyone may see: not hidden by moderation, and not by a banned author. */
export const visiblePost = { hiddenAt: null, author: { bannedAt: null } } as const;

/** A hidden post (or a banned author's) exists only for its author and admins; others get 404. */
const canSee = (
  post: { hiddenAt: Date | null; author: { id: number; bannedAt: Date | null } },
  viewer: Viewer | null,
) => (!post.hiddenAt && !post.author.bannedAt) || viewer?.id === post.author.id || isAdmin(viewer);

export async function createPost(
  viewer: Viewer | null,
  rawInput: unknown,
  deps: PostDeps,
): Promise<PostView> {
  return (await createPostOnce(viewer, rawInput, deps)).body;
}

/**
 * Creates a post with a slug of its own; with an idempotency key, a retry of the same request
 * returns the first response (`replayed`) and creates nothing.
 */
export async function createPostOnce(
  viewer: Viewer | null,
  rawInput: unknown,
  deps: PostDeps,
  idempotencyKey?: string,
): Promise<StoredResponse<PostView>> {
  const { db, cache } = deps;
  const author = requireActiveViewer(viewer);
  const { tags, ...input } = parseInput(createPostInput, rawInput);
  // Tags and the idempotency record are more statements: only then is there a transaction.
  const insert = async (tx: Prisma.TransactionClient) => {
    const post = await insertPost(transactionSql(tx), author.id, input);
    if (tags?.length) {
      await setTags(tx, post.id, tags);
      post.tags = tags;
    }
    return { status: 201, body: post };
  };
  const result = idempotencyKey
    ? await idempotent(
        db,
        { userId: author.id, key: idempotencyKey, requestHash: requestHash({ ...input, tags }) },
        insert,
      )
    : tags?.length
      ? { ...(await db.$transaction(insert)), replayed: false }
      : {
          status: 201,
          body: await insertPost(sqlOf(deps), author.id, input),
          replayed: false,
        };
  if (!result.replayed) {
    metrics.postCreated();
    await cache?.invalidate();
  }
  return result;
}

/** How a list is cut: by cursor (/api/v1, the browser) or by offset with a total (RealWorld). */
export type FeedOptions = { offset?: number; withTotal?: boolean };
export type FeedPageWithTotal = FeedPage & { total?: number };

/**
 * The public feed, filtered by author, tag or who favourited the posts. Hidden posts are left
 * out, except from an author's list as its author or an admin reads it, where they show with
 * `hiddenAt`. Pages that look the same to everyone are cached as ready JSON; a signed-in viewer's
 * own flags (favorited, following) are added to a copy with one query per page.
 */
export async function listFeedJson(
  viewer: Viewer | null,
  rawInput: unknown,
  deps: PostDeps,
  options: FeedOptions = {},
): Promise<CachedPage> {
  const { shared, flagged } = await feedFor(viewer, rawInput, deps, options);
  return flagged ? entryOf(JSON.stringify(flagged)) : shared;
}

/**
 * The shared page (cached JSON) and, for a signed-in viewer, that page parsed with their flags
 * set: each caller turns whichever it gets into its own form, parsing or serialising once.
 */
async function feedFor(
  viewer: Viewer | null,
  rawInput: unknown,
  { db, cache }: PostDeps,
  options: FeedOptions,
): Promise<{ shared: CachedPage; flagged?: FeedPageWithTotal }> {
  const input = parseInput(feedInput, rawInput ?? {});
  const includeHidden =
    input.authorId !== undefined && (viewer?.id === input.authorId || isAdmin(viewer));
  const load = async () =>
    JSON.stringify(await queryFeed(db, feedWhere(input, includeHidden), input, options));
  // Cursor pages are not cached: any timestamp makes a valid cursor, so their keys are unbounded.
  const shared =
    !cache || includeHidden || input.cursor
      ? entryOf(await load())
      : await cache.page(cacheKey(input, options), load);
  if (!viewer) return { shared };
  const flagged = JSON.parse(shared.body.toString()) as FeedPageWithTotal;
  await applyViewerFlags(db, viewer.id, flagged.items);
  return { shared, flagged };
}

const cacheKey = (input: ReturnType<typeof feedInput.parse>, options: FeedOptions) =>
  [
    input.authorId ?? "",
    input.author?.toLowerCase() ?? "",
    input.tag ?? "",
    input.favoritedBy?.toLowerCase() ?? "",
    input.limit,
    options.offset ?? 0,
    options.withTotal ? "t" : "",
  ].join(":");

/** Posts by the people the viewer follows, newest first (never cached: it is theirs alone). */
export async function listFollowingFeed(
  viewer: Viewer | null,
  rawInput: unknown,
  { db }: PostDeps,
  options: FeedOptions = {},
): Promise<FeedPageWithTotal> {
  const reader = requireViewer(viewer);
  const input = parseInput(followingFeedInput, rawInput ?? {});
  const where: Prisma.PostWhereInput = {
    ...visiblePost,
    author: { bannedAt: null, followers: { some: { followerId: reader.id } } },
  };
  const page = await queryFeed(db, where, input, options);
  await applyViewerFlags(db, reader.id, page.items);
  return page;
}

function feedWhere(
  input: ReturnType<typeof feedInput.parse>,
  includeHidden: boolean,
): Prisma.PostWhereInput {
  return {
    AND: [
      includeHidden ? {} : visiblePost,
      input.authorId ? { authorId: input.authorId } : {},
      input.author ? { author: { username: input.author } } : {},
      input.tag ? { tags: { some: { tag: { name: input.tag } } } } : {},
      // A banned user's favourites are as gone as their profile.
      input.favoritedBy
        ? { favorites: { some: { user: { username: input.favoritedBy, bannedAt: null } } } }
        : {},
    ],
  };
}

async function queryFeed(
  db: PrismaClient,
  where: Prisma.PostWhereInput,
  { cursor, limit }: { cursor?: string; limit: number },
  { offset, withTotal }: FeedOptions,
): Promise<FeedPageWithTotal> {
  const query = pageQuery(where, offset ? undefined : cursor, limit);
  const [rows, total] = await Promise.all([
    db.post.findMany({ ...query, skip: offset, select: postSelect }),
    withTotal ? db.post.count({ where }) : undefined,
  ]);
  const page = toPage(rows, limit);
  return {
    items: page.items.map(toPostView),
    nextCursor: page.nextCursor,
    ...(total === undefined ? {} : { total }),
  };
}

/** The same feed as objects (for the Wasp query and RealWorld), from the same cache entries. */
export async function listFeed(
  viewer: Viewer | null,
  rawInput: FeedInput | unknown,
  deps: PostDeps,
  options: FeedOptions = {},
): Promise<FeedPageWithTotal> {
  const { shared, flagged } = await feedFor(viewer, rawInput, deps, options);
  const page = flagged ?? (JSON.parse(shared.body.toString()) as FeedPageWithTotal);
  for (const post of page.items) revivePostDates(post);
  return page;
}

/** JSON brings dates back as strings. */
export function revivePostDates(post: PostView) {
  post.createdAt = new Date(post.createdAt);
  post.updatedAt = new Date(post.updatedAt);
  post.hiddenAt = post.hiddenAt && new Date(post.hiddenAt);
}

async function visiblePostRow(
  viewer: Viewer | null,
  where: Prisma.PostWhereUniqueInput,
  db: PrismaClient,
) {
  const post = await db.post.findUnique({ where, select: postSelect });
  if (!post || !canSee(post, viewer)) throw notFound("Post");
  return post;
}

/** One post as the viewer sees it (their flags included). */
export async function getPost(viewer: Viewer | null, id: number, { db }: PostDeps) {
  const post = toPostView(await visiblePostRow(viewer, { id }, db));
  if (viewer) await applyViewerFlags(db, viewer.id, [post]);
  return post;
}

/**
 * The id of the post a slug names, current or from before a rename (404 when unseen, and for
 * strings no slug can be: they never reach the query).
 */
export async function postIdForSlug(viewer: Viewer | null, slug: string, { db }: PostDeps) {
  if (!slugParams.safeParse({ slug }).success) throw notFound("Post");
  const found = await db.postSlug.findUnique({ where: { slug }, select: { postId: true } });
  if (!found) throw notFound("Post");
  return (await visiblePostRow(viewer, { id: found.postId }, db)).id;
}

export async function getPostBySlug(viewer: Viewer | null, slug: string, deps: PostDeps) {
  return getPost(viewer, await postIdForSlug(viewer, slug, deps), deps);
}

/** Loads a post for a change: 404 when the viewer may not even see it, 403 when not theirs. */
async function postToChange(viewer: Viewer, id: number, db: PrismaClient) {
  const post = await visiblePostRow(viewer, { id }, db);
  if (post.author.id !== viewer.id && !isAdmin(viewer)) {
    throw forbidden("Only the author or an admin can change this post", "post");
  }
  return post;
}

/** Edits a post; a new title gives it a new slug, and the old one keeps resolving. */
export async function updatePost(
  viewer: Viewer | null,
  id: number,
  rawInput: unknown,
  { db, cache }: PostDeps,
): Promise<PostView> {
  const editor = requireActiveViewer(viewer);
  const { tags, ...input } = parseInput(updatePostInput, rawInput);
  const before = await postToChange(editor, id, db);
  const renamed = input.title !== undefined && input.title !== before.title;
  const post = await withSlugRetry((attempt) =>
    db.$transaction(async (tx) => {
      const slug = renamed ? await freeSlug(tx, input.title ?? "", attempt, id) : undefined;
      // A DELETE racing this one may remove the post after the check: 404, as if it came first.
      await tx.post
        .update({ where: { id }, data: { ...input, slug }, select: { id: true } })
        .catch(orNotFound("Post"));
      // Its old slugs stay; renamed back to one of them, that row is already there.
      if (slug)
        await tx.postSlug.createMany({ data: [{ slug, postId: id }], skipDuplicates: true });
      if (tags) await setTags(tx, id, tags);
      return tx.post.findUniqueOrThrow({ where: { id }, select: postSelect });
    }),
  );
  await cache?.invalidate();
  const view = toPostView(post);
  await applyViewerFlags(db, editor.id, [view]);
  return view;
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
