import { tagsInput, tagsView } from "../../posts/posts.schemas";
import { routesOf } from "./routeSpec";

// The routes of tags.handlers.ts, as data (see routeSpec.ts).
export const tagsRoutes = routesOf("./tags.handlers", [
  {
    method: "GET",
    path: "/tags",
    handler: "listTags",
    summary: "Every tag in use on a visible post, the most used first",
    access: "public",
    conditional: true,
    query: tagsInput,
    ok: { status: 200, description: "The tags (normalised: lowercase, dashes)", schema: tagsView },
  },
]);
