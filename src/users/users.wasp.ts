import { action, query } from "@wasp.sh/spec";
import { getUser, getUsers, updateUser } from "./operations" with { type: "ref" };

export const usersSpec = [
  query(getUser, { entities: ["User"] }),
  query(getUsers, { entities: ["User", "Post", "Report", "AuditLog"] }),
  // Post too: a new name shows on the author's posts in every feed.
  action(updateUser, { entities: ["User", "Post"] }),
];
