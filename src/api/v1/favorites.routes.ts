import { postView } from "../../posts/posts.schemas";
import { idParams } from "../../shared/schemas";
import { routesOf } from "./routeSpec";

// The routes of favorites.handlers.ts, as data (see routeSpec.ts). Both are idempotent: a
// second favourite (or unfavourite) changes nothing and answers the same.
export const favoritesRoutes = routesOf("./favorites.handlers", [
  {
    method: "POST",
    path: "/posts/:id/favorite",
    handler: "favoritePost",
    summary: "Favourite a post (again: no change)",
    access: "user",
    params: idParams,
    ok: {
      status: 200,
      description: "The post, `favorited` and its count updated",
      schema: postView,
    },
    errors: [404],
  },
  {
    method: "DELETE",
    path: "/posts/:id/favorite",
    handler: "unfavoritePost",
    summary: "Take a favourite back (none to take: no change)",
    access: "user",
    params: idParams,
    ok: {
      status: 200,
      description: "The post, `favorited` and its count updated",
      schema: postView,
    },
    errors: [404],
  },
]);
