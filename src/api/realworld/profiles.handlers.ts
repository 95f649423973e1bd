import * as profiles from "../../users/profiles.service";
import { deps } from "./context";
import { readWith } from "../../server/replicas/readRoute";
import { profilesRoutes } from "./profiles.routes";
import { handlersOf } from "./route";
import { profileOf } from "./views";

const on = handlersOf(profilesRoutes);

export const getProfile = on("getProfile", async ({ req, res, viewer }) => {
  const profile = await readWith(viewer, (reads) =>
    profiles.getProfile(viewer, req.params.username, reads),
  );
  res.json({ profile: profileOf(profile) });
});

export const followProfile = on("followProfile", async ({ req, res, viewer }) => {
  const profile = await profiles.followUser(viewer, req.params.username, deps());
  res.json({ profile: profileOf(profile) });
});

export const unfollowProfile = on("unfollowProfile", async ({ req, res, viewer }) => {
  const profile = await profiles.unfollowUser(viewer, req.params.username, deps());
  res.json({ profile: profileOf(profile) });
});
