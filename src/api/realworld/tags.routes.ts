import { routesOf } from "./routeSpec";

// Tags (see routeSpec.ts).
export const tagsRoutes = routesOf("./tags.handlers", [
  {
    method: "GET",
    path: "/tags",
    handler: "listTags",
    summary: "Every tag in use, the most used first",
    access: "public",
  },
]);
