import { idParams } from "../../shared/schemas";
import {
  createPostInput,
  feedInput,
  feedPage,
  postView,
  updatePostInput,
} from "../../posts/posts.schemas";
import { routesOf } from "./routeSpec";

// The routes of posts.handlers.ts, as data (see routeSpec.ts).
export const postsRoutes = routesOf("./posts.handlers", [
  {
    method: "GET",
    path: "/posts",
    handler: "listPosts",
    summary: "The feed, newest first, paged with an opaque cursor; `authorId` for one author",
    access: "public",
    conditional: true,
    query: feedInput,
    ok: { status: 200, description: "A page of posts", schema: feedPage },
  },
  {
    method: "POST",
    path: "/posts",
    handler: "createPost",
    summary: "Publish a post",
    access: "user",
    body: createPostInput,
    headers: [
      {
        name: "Idempotency-Key",
        description:
          "Optional, recommended: a client-generated id (e.g. a UUID). A retry with the same " +
          "key and body returns the first response (with Idempotent-Replayed: true) and creates " +
          "nothing; the same key with another body is refused with 422.",
      },
    ],
    ok: { status: 201, description: "The new post (Location names it)", schema: postView },
    errors: [422],
  },
  {
    method: "GET",
    path: "/posts/:id",
    handler: "getPost",
    summary: "One post (hidden posts exist only for their author and admins)",
    access: "public",
    conditional: true,
    params: idParams,
    ok: { status: 200, description: "The post", schema: postView },
    errors: [404],
  },
  {
    method: "PUT",
    path: "/posts/:id",
    handler: "updatePost",
    summary: "Edit a post (author or admin)",
    access: "user",
    params: idParams,
    body: updatePostInput,
    ok: { status: 200, description: "The updated post", schema: postView },
    errors: [404],
  },
  {
    method: "DELETE",
    path: "/posts/:id",
    handler: "deletePost",
    summary: "Delete a post (author or admin)",
    access: "user",
    params: idParams,
    ok: { status: 204, description: "Deleted" },
    errors: [404],
  },
]);
