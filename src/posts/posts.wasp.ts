import { action, page, query, route } from "@wasp.sh/spec";
import {
  createPost,
  deletePost,
  getFeed,
  getPost,
  getTags,
  updatePost,
} from "./operations" with { type: "ref" };
import { PostPage } from "./PostPage" with { type: "ref" };

export const postsSpec = [
  route("PostRoute", "/posts/:id", page(PostPage)),
  query(getFeed, { entities: ["Post", "User"] }),
  query(getPost, { entities: ["Post", "User"] }),
  query(getTags, { entities: ["Post"] }),
  // Post writes change no user: naming User would also refetch every user query (useAuth's).
  action(createPost, { entities: ["Post"] }),
  action(updatePost, { entities: ["Post"] }),
  action(deletePost, { entities: ["Post"] }),
];
