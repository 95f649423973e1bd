import * as search from "../../posts/search.service";
import { deps, viewerOf } from "./context";
import { rest, send } from "./route";

// Not cached: every query string is its own page, and the key space is unbounded.
export const searchPosts = rest(async (req, res) => {
  send(res, 200, await search.searchPosts(viewerOf(res), req.query, deps()));
});
