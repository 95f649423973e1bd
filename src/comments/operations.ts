import { z } from "zod";
import type { CreateComment, DeleteComment, GetComments } from "wasp/server/operations";
import { serviceDeps } from "../server/serviceDeps";
import { readWith } from "../server/replicas/readRoute";
import { id, idParams } from "../shared/schemas";
import { parseInput } from "../shared/validation";
import { asOperation, viewerFrom } from "../shared/wasp";
import type { CommentPage, CommentView, CreateCommentInput } from "./comments.schemas";
import * as comments from "./comments.service";

// The post page's comments over Wasp: who is asking → the same services /api/v1 calls → HttpError.
// Only the post's id is read here; the services validate the rest with the shared schemas.
// Reporting a comment is moderation's createReport ({ commentId, reason }): one operation files
// reports of posts and comments alike (and moderation already depends on comments).
const postRef = z.strictObject({ postId: id });
type PostRef = z.input<typeof postRef>;

export type GetCommentsArgs = PostRef & { cursor?: string; limit?: number };

export const getComments: GetComments<GetCommentsArgs, CommentPage> = (args, context) =>
  asOperation(() => {
    const { postId, ...page } = args ?? ({} as GetCommentsArgs);
    const ref = parseInput(postRef, { postId });
    const viewer = viewerFrom(context.user);
    return readWith(viewer, (reads) => comments.listComments(viewer, ref.postId, page, reads));
  });

export const createComment: CreateComment<PostRef & CreateCommentInput, CommentView> = (
  args,
  context,
) =>
  asOperation(() => {
    const { postId, ...body } = args ?? ({} as PostRef & CreateCommentInput);
    const ref = parseInput(postRef, { postId });
    return comments.createComment(viewerFrom(context.user), ref.postId, body, serviceDeps());
  });

export const deleteComment: DeleteComment<z.input<typeof idParams>, void> = (args, context) =>
  asOperation(() => {
    const { id: commentId } = parseInput(idParams, args);
    return comments.deleteComment(viewerFrom(context.user), commentId, serviceDeps());
  });
