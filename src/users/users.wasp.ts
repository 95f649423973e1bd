import { action, page, query, route } from "@wasp.sh/spec";
import { getUser, getUsers, updateUser } from "./operations" with { type: "ref" };
import { ProfilePage } from "./ProfilePage" with { type: "ref" };

export const usersSpec = [
  route("ProfileRoute", "/users/:id", page(ProfilePage)),
  query(getUser, { entities: ["User"] }),
  query(getUsers, { entities: ["User", "Post", "Report", "AuditLog"] }),
  // Post too: a new name shows on the author's posts in every feed.
  action(updateUser, { entities: ["User", "Post"] }),
];
