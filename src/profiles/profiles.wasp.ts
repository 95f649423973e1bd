import { action, page, query, route } from "@wasp.sh/spec";
import { ProfilePage } from "./ProfilePage" with { type: "ref" };
import { UserRedirectPage } from "./UserRedirectPage" with { type: "ref" };
import { followUser, getProfile, unfollowUser } from "./operations" with { type: "ref" };

// A person's page: their profile (users) with their posts (posts). Its own folder, above both,
// so neither feature has to know the other's pages.
export const profilesSpec = [
  // react-router cannot match "/@:username"; static routes win over "/:handle", and the page
  // answers "not found" unless the segment starts with "@".
  route("ProfileRoute", "/:handle", page(ProfilePage)),
  // Old links: /users/:id looks the user up and redirects to /@username.
  route("UserByIdRoute", "/users/:id", page(UserRedirectPage)),
  query(getProfile, { entities: ["User", "Follow"] }),
  // Follow: the profile's and every author's `following` flag, and the following feed.
  action(followUser, { entities: ["Follow", "User"] }),
  action(unfollowUser, { entities: ["Follow", "User"] }),
];
