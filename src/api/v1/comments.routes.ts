import {
  commentPage,
  commentsInput,
  commentView,
  createCommentInput,
} from "../../comments/comments.schemas";
import { idParams } from "../../shared/schemas";
import { routesOf } from "./routeSpec";

// The routes of comments.handlers.ts, as data (see routeSpec.ts). A comment is seen by whoever
// may see its post, unless moderation hid it or its author is banned.
export const commentsRoutes = routesOf("./comments.handlers", [
  {
    method: "GET",
    path: "/posts/:id/comments",
    handler: "listComments",
    summary: "A post's comments, oldest first, paged with an opaque cursor",
    access: "public",
    conditional: true,
    params: idParams,
    query: commentsInput,
    ok: { status: 200, description: "A page of comments", schema: commentPage },
    errors: [404],
  },
  {
    method: "POST",
    path: "/posts/:id/comments",
    handler: "createComment",
    summary: "Comment on a post",
    access: "user",
    params: idParams,
    body: createCommentInput,
    ok: { status: 201, description: "The new comment", schema: commentView },
    errors: [404],
  },
  {
    method: "DELETE",
    path: "/comments/:id",
    handler: "deleteComment",
    summary: "Delete a comment (its author, or an admin: audited)",
    access: "user",
    params: idParams,
    ok: { status: 204, description: "Deleted" },
    errors: [404],
  },
]);
