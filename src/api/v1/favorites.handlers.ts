import * as favorites from "../../posts/favorites.service";
import { idParams } from "../../shared/schemas";
import { deps, viewerOf } from "./context";
import { parse, rest, send } from "./route";

export const favoritePost = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  send(res, 200, await favorites.favoritePost(viewerOf(res), id, deps()));
});

export const unfavoritePost = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  send(res, 200, await favorites.unfavoritePost(viewerOf(res), id, deps()));
});
