import * as profiles from "../../users/profiles.service";
import { usernameParams } from "../../users/users.schemas";
import { deps, viewerOf } from "./context";
import { sendJsonWithEtag } from "./conditional";
import { parse, rest, send } from "./route";
import { readWith } from "../../server/replicas/readRoute";

export const getProfile = rest(async (req, res) => {
  const { username } = parse(usernameParams, req.params);
  const viewer = viewerOf(res);
  const profile = await readWith(viewer, (reads) => profiles.getProfile(viewer, username, reads));
  sendJsonWithEtag(req, res, JSON.stringify(profile));
});

export const followUser = rest(async (req, res) => {
  const { username } = parse(usernameParams, req.params);
  send(res, 200, await profiles.followUser(viewerOf(res), username, deps()));
});

export const unfollowUser = rest(async (req, res) => {
  const { username } = parse(usernameParams, req.params);
  send(res, 200, await profiles.unfollowUser(viewerOf(res), username, deps()));
});
