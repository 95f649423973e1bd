import { idParams } from "../../shared/schemas";
import {
  createPostInput,
  feedInput,
  feedPage,
  followingFeedInput,
  postView,
  slugParams,
  updatePostInput,
} from "../../posts/posts.schemas";
import { routesOf } from "./routeSpec";

// The routes of posts.handlers.ts, as data (see routeSpec.ts).
export const postsRoutes = routesOf("./posts.handlers", [
  {
    method: "GET",
    path: "/posts",
    handler: "listPosts",
    summary:
      "The feed, newest first, paged with an opaque cursor; `authorId` or `author` for one " +
      "author, `tag` for one tag, `favoritedBy` for what one user favourited",
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
    // Before /posts/:id/… (routes.ts keeps the order): a post may well be titled "Comments".
    method: "GET",
    path: "/posts/by-slug/:slug",
    handler: "getPostBySlug",
    summary: "One post by its slug, current or from before a rename",
    access: "public",
    conditional: true,
    params: slugParams,
    ok: { status: 200, description: "The post (its `slug` is the current one)", schema: postView },
    errors: [404],
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
  {
    method: "GET",
    path: "/feed",
    handler: "listFollowingFeed",
    summary: "Posts by the people I follow, newest first, paged with an opaque cursor",
    access: "user",
    conditional: true,
    query: followingFeedInput,
    ok: { status: 200, description: "A page of posts", schema: feedPage },
  },
]);
