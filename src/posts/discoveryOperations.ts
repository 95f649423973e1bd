import type { GetFollowingFeed, SearchPosts } from "wasp/server/operations";
import { serviceDeps } from "../server/serviceDeps";
import { readWith } from "../server/replicas/readRoute";
import { asOperation, viewerFrom } from "../shared/wasp";
import type { FeedInput } from "./posts.schemas";
import * as posts from "./posts.service";
import type { SearchInput, SearchPage } from "./search.schemas";
import * as search from "./search.service";

// The home page's "Following" tab and the search page: the same services as REST.
type FollowingArgs = Pick<FeedInput, "cursor" | "limit">;

export const getFollowingFeed: GetFollowingFeed<FollowingArgs | undefined, posts.FeedPage> = (
  args,
  context,
) =>
  asOperation(() => {
    const viewer = viewerFrom(context.user);
    return readWith(viewer, (reads) => posts.listFollowingFeed(viewer, args, reads));
  });

export const searchPosts: SearchPosts<SearchInput, SearchPage> = (args, context) =>
  asOperation(() => search.searchPosts(viewerFrom(context.user), args, serviceDeps()));
