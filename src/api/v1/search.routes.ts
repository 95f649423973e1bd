import { searchInput, searchPage } from "../../posts/search.schemas";
import { routesOf } from "./routeSpec";

// The routes of search.handlers.ts, as data (see routeSpec.ts).
export const searchRoutes = routesOf("./search.handlers", [
  {
    method: "GET",
    path: "/search",
    handler: "searchPosts",
    summary:
      "Full-text search over the titles, descriptions and bodies of visible posts, best match " +
      "first (English stemming: `dragons` finds `dragon`), paged by offset",
    access: "public",
    query: searchInput,
    ok: { status: 200, description: "A page of matching posts", schema: searchPage },
  },
]);
