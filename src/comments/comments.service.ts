import type { Prisma, PrismaClient } from "@prisma/client";
import { audit, type RequestMeta } from "../audit/audit.service";
import { getPost } from "../posts/posts.service";
import { toPage } from "../shared/cursor";
import { AppError, forbidden, notFound, prismaCode } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { prismaSql, type SqlRunner } from "../shared/sql";
import { commentRows, type CommentSqlRow } from "./commentsSql";
import { authorView } from "../users/authorView";
import { isAdmin, requireActiveViewer, type Viewer } from "../shared/viewer";
import {
  commentsInput,
  createCommentInput,
  type CommentPage,
  type CommentView,
} from "./comments.schemas";

// Comments under a post, shared by every door. A comment is seen by whoever may see its post,
// unless moderation hid it or its author is banned: then only its author and admins see it.
// Comments appear in no feed, so writing one invalidates no cached page.
// `sql`: the pool's prepared statements (or a replica's), for the post's visibility check.
export type CommentDeps = { db: PrismaClient; sql?: SqlRunner; meta?: RequestMeta };

const commentSelect = {
  id: true,
  body: true,
  createdAt: true,
  updatedAt: true,
  postId: true,
  hiddenAt: true,
  hiddenReason: true,
  author: {
    select: { id: true, name: true, username: true, bio: true, image: true, bannedAt: true },
  },
} as const satisfies Prisma.CommentSelect;

type CommentRow = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;

function toView({ author, ...comment }: CommentRow, following: Set<number>): CommentView {
  return { ...comment, author: authorView(author, following.has(author.id)) };
}

const visibleTo = (viewer: Viewer | null): Prisma.CommentWhereInput =>
  isAdmin(viewer)
    ? {}
    : {
        OR: [
          { hiddenAt: null, author: { bannedAt: null } },
          ...(viewer ? [{ authorId: viewer.id }] : []),
        ],
      };

/** A comment the viewer may see, under a post they may see (else 404), e.g. to report it. */
export async function findVisibleComment(
  viewer: Viewer | null,
  commentId: number,
  deps: CommentDeps,
) {
  const { db } = deps;
  const comment = await db.comment.findFirst({
    where: { id: commentId, ...visibleTo(viewer) },
    select: { id: true, authorId: true, postId: true },
  });
  if (!comment) throw notFound("Comment");
  // Under a post the viewer cannot see, the comment does not exist for them either.
  await getPost(viewer, comment.postId, deps).catch((error: unknown) => {
    throw error instanceof AppError && error.code === "NOT_FOUND" ? notFound("Comment") : error;
  });
  return comment;
}

/** A post's comments in reading order (oldest first), paged by cursor. */
export async function listComments(
  viewer: Viewer | null,
  postId: number,
  rawInput: unknown,
  deps: CommentDeps,
): Promise<CommentPage> {
  const { cursor, limit } = parseInput(commentsInput, rawInput ?? {});
  await getPost(viewer, postId, deps); // 404 for posts the viewer cannot see
  const rows = await commentRows(sqlOf(deps), {
    ...readerOf(viewer, postId),
    cursor,
    take: limit + 1,
  });
  const page = toPage(rows, limit);
  return { items: page.items.map(viewOfRow), nextCursor: page.nextCursor };
}

/** The most comments one unpaged list holds. */
export const ALL_COMMENTS_MAX = 1000;

/**
 * A post's comments in reading order (RealWorld lists them all at once): the first
 * ALL_COMMENTS_MAX of them, in one query.
 */
export async function listAllComments(
  viewer: Viewer | null,
  postId: number,
  deps: CommentDeps,
): Promise<CommentView[]> {
  await getPost(viewer, postId, deps);
  const rows = await commentRows(sqlOf(deps), {
    ...readerOf(viewer, postId),
    take: ALL_COMMENTS_MAX,
  });
  return rows.map(viewOfRow);
}

const sqlOf = ({ db, sql }: CommentDeps) => sql ?? prismaSql(db);
const readerOf = (viewer: Viewer | null, postId: number) => ({
  postId,
  viewerId: viewer?.id,
  admin: isAdmin(viewer),
});

function viewOfRow(row: CommentSqlRow): CommentView {
  const { id, body, createdAt, updatedAt, postId, hiddenAt, hiddenReason, following } = row;
  const author = {
    id: row.authorId,
    name: row.authorName,
    username: row.authorUsername,
    bio: row.authorBio,
    image: row.authorImage,
  };
  return {
    id,
    body,
    createdAt,
    updatedAt,
    postId,
    hiddenAt,
    hiddenReason,
    author: authorView(author, following),
  };
}

export async function createComment(
  viewer: Viewer | null,
  postId: number,
  rawInput: unknown,
  { db }: CommentDeps,
): Promise<CommentView> {
  const author = requireActiveViewer(viewer);
  const { body } = parseInput(createCommentInput, rawInput);
  await getPost(author, postId, { db });
  // A post deleted after the check: its foreign key fails (P2003), answered 404.
  const row = await db.comment
    .create({ data: { body, postId, authorId: author.id }, select: commentSelect })
    .catch((error: unknown) => {
      throw prismaCode(error) === "P2003" ? notFound("Post") : error;
    });
  return toView(row, new Set());
}

/**
 * Deletes a comment: its author, or an admin (audited). With `postId`, the comment must be
 * under that post (RealWorld names comments by article and id).
 */
export async function deleteComment(
  viewer: Viewer | null,
  commentId: number,
  { db, meta }: CommentDeps,
  postId?: number,
) {
  const actor = requireActiveViewer(viewer);
  const comment = await db.comment.findFirst({
    where: { id: commentId, ...(postId ? { postId } : {}), ...visibleTo(actor) },
    select: { id: true, authorId: true, postId: true },
  });
  if (!comment) throw notFound("Comment");
  // Reading the post too: a comment under a post the viewer cannot see does not exist for them.
  await getPost(actor, comment.postId, { db });
  if (comment.authorId !== actor.id && !isAdmin(actor)) {
    throw forbidden("Only its author or an admin can delete this comment", "comment");
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.comment.deleteMany({ where: { id: commentId } });
    if (count === 0) throw notFound("Comment");
    if (comment.authorId !== actor.id) {
      await audit(tx, {
        actorId: actor.id,
        action: "comment.delete_by_admin",
        target: { type: "comment", id: commentId },
        metadata: { authorId: comment.authorId, postId: comment.postId },
        meta,
      });
    }
  });
}
