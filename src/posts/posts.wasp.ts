import { action, page, query, route } from "@wasp.sh/spec";
import {
  createPost,
  deletePost,
  getFeed,
  getPost,
  updatePost,
} from "./operations" with { type: "ref" };
import { PostPage } from "./PostPage" with { type: "ref" };

export const postsSpec = [
  route("PostRoute", "/posts/:id", page(PostPage)),
  query(getFeed, { entities: ["Post", "User"] }),
  query(getPost, { entities: ["Post", "User"] }),
  action(createPost, { entities: ["Post", "User"] }),
  action(updatePost, { entities: ["Post", "User"] }),
  action(deletePost, { entities: ["Post", "User"] }),
];
