import { routesOf } from "./routeSpec";

// Articles (Inkwell's posts) and favourites (see routeSpec.ts). The feed comes before
// /articles/:slug, which would otherwise take "feed" for a slug.
export const articlesRoutes = routesOf("./articles.handlers", [
  {
    method: "GET",
    path: "/articles",
    handler: "listArticles",
    summary: "Articles, newest first (tag, author, favorited, limit, offset)",
    access: "public",
  },
  {
    method: "GET",
    path: "/articles/feed",
    handler: "listFeed",
    summary: "Articles by the people the caller follows, newest first (limit, offset)",
    access: "user",
  },
  {
    method: "POST",
    path: "/articles",
    handler: "createArticle",
    summary: "Publish an article",
    access: "user",
    body: { envelope: "article", required: ["title", "description", "body"] },
  },
  {
    method: "GET",
    path: "/articles/:slug",
    handler: "getArticle",
    summary: "One article (also by a slug it had before a rename)",
    access: "public",
  },
  {
    method: "PUT",
    path: "/articles/:slug",
    handler: "updateArticle",
    summary: "Edit an article (its author or an admin); fields left out stay",
    access: "user",
    body: { envelope: "article" },
  },
  {
    method: "DELETE",
    path: "/articles/:slug",
    handler: "deleteArticle",
    summary: "Delete an article (its author or an admin)",
    access: "user",
  },
  {
    method: "POST",
    path: "/articles/:slug/favorite",
    handler: "favoriteArticle",
    summary: "Favourite (again: no change)",
    access: "user",
  },
  {
    method: "DELETE",
    path: "/articles/:slug/favorite",
    handler: "unfavoriteArticle",
    summary: "Unfavourite (again: no change)",
    access: "user",
  },
]);
