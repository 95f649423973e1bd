import type { Prisma, PrismaClient } from "@prisma/client";
import { audit, type RequestMeta } from "../audit/audit.service";
import { entryOf, etagOf, type CachedPage, type FeedCache } from "../cache/feedCache";
import { metrics } from "../observability/metrics";
import { forbidden, notFound, orNotFound } from "../shared/errors";
import { idempotent, requestHash, type StoredResponse } from "../shared/idempotency";
import { prismaSql, type ReadRoute, type SqlRunner } from "../shared/sql";
import { parseInput } from "../shared/validation";
import { isAdmin, requireActiveViewer, requireViewer, type Viewer } from "../shared/viewer";
import { insertPost } from "./insertPost";
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
import { flagTemplate, perPage, renderFlags, type PostFlags } from "./flagTemplate";
import {
  postAccessBySlug,
  postJsonRow,
  postPageJson,
  viewerFlagsOf,
  type PostFilter,
} from "./postsSql";

// Post use cases, shared by the Wasp operations (browser), /api/v1 and the RealWorld /api.
// No Express or Wasp types here: callers pass the database and the viewer in.
// `sql` runs the hand-written reads through the pool (prepared statements); without it they go
// through Prisma as raw queries.
// `reads` (read replicas) lets a cache fill choose its source by the version's WAL floor.
export type PostDeps = {
  db: PrismaClient;
  sql?: SqlRunner;
  cache?: FeedCache;
  meta?: RequestMeta;
  reads?: ReadRoute;
};
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
    const post = await insertPost(prismaSql(tx), author.id, input);
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
 * own flags (favorited, following) are written into that JSON's slots (one query per page).
 */
export async function listFeedJson(
  viewer: Viewer | null,
  rawInput: unknown,
  deps: PostDeps,
  options: FeedOptions = {},
): Promise<CachedPage> {
  const { shared, flags } = await readFeed(viewer, rawInput, deps, options);
  if (!flags) return shared;
  const template = jsonTemplate(shared);
  const body = template
    ? renderFlags(template, flags)
    : Buffer.from(JSON.stringify(withFlags(parsedPage(shared), flags)));
  return { body, etag: etagOf(body) };
}

/**
 * What every transport renders a feed page from: the shared page (cached JSON, the same for
 * everyone) and, for a signed-in viewer, their flags for its posts, in the page's order.
 */
export type FeedRead = { shared: CachedPage; flags?: PostFlags[] };

export async function readFeed(
  viewer: Viewer | null,
  rawInput: unknown,
  deps: PostDeps,
  options: FeedOptions = {},
): Promise<FeedRead> {
  const { cache } = deps;
  const input = parseInput(feedInput, rawInput ?? {});
  const includeHidden =
    input.authorId !== undefined && (viewer?.id === input.authorId || isAdmin(viewer));
  const load = (floor?: bigint) =>
    postPageJson(deps.reads?.sql(floor) ?? sqlOf(deps), {
      ...feedFilter(input),
      includeHidden,
      ...paging(input, options),
    });
  // Cursor pages are not cached: any timestamp makes a valid cursor, so their keys are unbounded.
  const shared =
    !cache || includeHidden || input.cursor
      ? entryOf(await load())
      : await cache.page(cacheKey(input, options), load);
  if (!viewer) return { shared };
  const ids = parsedPage(shared).items.map((post) => post.id);
  return { shared, flags: await viewerFlagsOf(sqlOf(deps), viewer.id, ids) };
}

/** A shared page as objects, parsed once per cached page: read it, never change it. */
export const parsedPage = perPage(
  (page): Readonly<FeedPageWithTotal> => JSON.parse(page.body.toString()) as FeedPageWithTotal,
);
const jsonTemplate = perPage((page) =>
  flagTemplate(page.body.toString(), parsedPage(page).items.length),
);

/** A copy of `page` with the viewer's flags set (dates still as JSON strings). */
export function withFlags(page: Readonly<FeedPageWithTotal>, flags: PostFlags[]) {
  const copy = structuredClone(page) as FeedPageWithTotal;
  copy.items.forEach((post, i) => {
    post.favorited = flags[i]?.favorited ?? false;
    post.author.following = flags[i]?.following ?? false;
  });
  return copy;
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
export async function listFollowingFeedJson(
  viewer: Viewer | null,
  rawInput: unknown,
  deps: PostDeps,
  options: FeedOptions = {},
): Promise<string> {
  const reader = requireViewer(viewer);
  const input = parseInput(followingFeedInput, rawInput ?? {});
  return postPageJson(sqlOf(deps), {
    followedBy: reader.id,
    viewerId: reader.id,
    ...paging(input, options),
  });
}

export async function listFollowingFeed(
  viewer: Viewer | null,
  rawInput: unknown,
  deps: PostDeps,
  options: FeedOptions = {},
): Promise<FeedPageWithTotal> {
  return pageOf(await listFollowingFeedJson(viewer, rawInput, deps, options));
}

const feedFilter = (input: ReturnType<typeof feedInput.parse>): PostFilter => ({
  authorId: input.authorId,
  author: input.author,
  tag: input.tag,
  favoritedBy: input.favoritedBy,
});

const paging = (
  { cursor, limit }: { cursor?: string; limit: number },
  { offset, withTotal }: FeedOptions,
) => ({ cursor, limit, offset, withTotal });

const pageOf = (json: string) => {
  const page = JSON.parse(json) as FeedPageWithTotal;
  for (const post of page.items) revivePostDates(post);
  return page;
};

/** The same feed as objects (for the Wasp query and RealWorld), from the same cache entries. */
export async function listFeed(
  viewer: Viewer | null,
  rawInput: FeedInput | unknown,
  deps: PostDeps,
  options: FeedOptions = {},
): Promise<FeedPageWithTotal> {
  const { shared, flags } = await readFeed(viewer, rawInput, deps, options);
  if (!flags) return pageOf(shared.body.toString());
  const page = withFlags(parsedPage(shared), flags);
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

/**
 * One post as the viewer sees it (their flags included), as JSON: by id, or by any slug it
 * ever had (404 when unseen, and for strings no slug can be: they never reach the query).
 */
export async function getPostJson(
  viewer: Viewer | null,
  key: { id: number } | { slug: string },
  deps: PostDeps,
): Promise<string> {
  if ("slug" in key && !slugParams.safeParse(key).success) throw notFound("Post");
  const row = await postJsonRow(sqlOf(deps), key, viewer?.id);
  if (!row || !mayView(row, viewer)) throw notFound("Post");
  return row.json;
}

/** A hidden post (or a banned author's) exists only for its author and admins. */
const mayView = (post: { authorId: number; hidden: boolean }, viewer: Viewer | null) =>
  !post.hidden || viewer?.id === post.authorId || isAdmin(viewer);

export async function getPost(viewer: Viewer | null, id: number, deps: PostDeps) {
  return postOf(await getPostJson(viewer, { id }, deps));
}

export async function getPostBySlug(viewer: Viewer | null, slug: string, deps: PostDeps) {
  return postOf(await getPostJson(viewer, { slug }, deps));
}

const postOf = (json: string) => {
  const post = JSON.parse(json) as PostView;
  revivePostDates(post);
  return post;
};

/** The id of the post a slug names, current or from before a rename (404 when unseen). */
export async function postIdForSlug(viewer: Viewer | null, slug: string, deps: PostDeps) {
  if (!slugParams.safeParse({ slug }).success) throw notFound("Post");
  const found = await postAccessBySlug(sqlOf(deps), slug);
  if (!found || !mayView(found, viewer)) throw notFound("Post");
  return found.id;
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
