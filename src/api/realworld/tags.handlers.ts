import { listTagsJson } from "../../posts/tags.service";
import { readWith } from "../../server/replicas/readRoute";
import { handlersOf } from "./route";
import { tagsRoutes } from "./tags.routes";

const on = handlersOf(tagsRoutes);

// The service keeps `{"tags":[…]}` as ready JSON (cached with the feeds): sent as it is.
export const listTags = on("listTags", async ({ res, viewer }) => {
  const body = await readWith(viewer, listTagsJson);
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(body);
});
