import { routesOf } from "./routeSpec";

// Comments under an article (see routeSpec.ts).
export const commentsRoutes = routesOf("./comments.handlers", [
  {
    method: "GET",
    path: "/articles/:slug/comments",
    handler: "listComments",
    summary: "An article's comments, oldest first",
    access: "public",
  },
  {
    method: "POST",
    path: "/articles/:slug/comments",
    handler: "createComment",
    summary: "Comment on an article",
    access: "user",
    body: { envelope: "comment", required: ["body"] },
  },
  {
    method: "DELETE",
    path: "/articles/:slug/comments/:id",
    handler: "deleteComment",
    summary: "Delete a comment (its author or an admin)",
    access: "user",
  },
]);
