import { page, query, route } from "@wasp.sh/spec";
import { getFollowingFeed, searchPosts } from "./discoveryOperations" with { type: "ref" };
import { SearchPage } from "./SearchPage" with { type: "ref" };

export const discoverySpec = [
  route("SearchRoute", "/search", page(SearchPage)),
  // Follow: a follow or unfollow changes who is in the following feed.
  query(getFollowingFeed, { entities: ["Post", "User", "Follow"] }),
  query(searchPosts, { entities: ["Post", "User"] }),
];
