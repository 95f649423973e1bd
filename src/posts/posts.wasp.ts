import { action, query } from "@wasp.sh/spec";
import { createPost, getFeed } from "./operations" with { type: "ref" };

export const postsSpec = [
  query(getFeed, { entities: ["Post", "User"] }),
  action(createPost, { entities: ["Post", "User"] }),
];
