import type { FollowUser, GetProfile, UnfollowUser } from "wasp/server/operations";
import { serviceDeps } from "../server/serviceDeps";
import { readWith } from "../server/replicas/readRoute";
import { asOperation, viewerFrom } from "../shared/wasp";
import * as profiles from "../users/profiles.service";
import type { ProfileView } from "../users/users.schemas";

// Profiles by handle and follows, through the same service as REST (/api/v1/profiles).
type HandleArgs = { username: string };

const usernameOf = (args: HandleArgs | undefined): unknown => args?.username;

export const getProfile: GetProfile<HandleArgs, ProfileView> = (args, context) =>
  asOperation(() => {
    const viewer = viewerFrom(context.user);
    return readWith(viewer, (reads) => profiles.getProfile(viewer, usernameOf(args), reads));
  });

export const followUser: FollowUser<HandleArgs, ProfileView> = (args, context) =>
  asOperation(() => profiles.followUser(viewerFrom(context.user), usernameOf(args), serviceDeps()));

export const unfollowUser: UnfollowUser<HandleArgs, ProfileView> = (args, context) =>
  asOperation(() =>
    profiles.unfollowUser(viewerFrom(context.user), usernameOf(args), serviceDeps()),
  );
