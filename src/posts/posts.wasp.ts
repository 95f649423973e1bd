import { action, query } from "@wasp.sh/spec";
import {
  createPost,
  deletePost,
  getFeed,
  getPost,
  getTags,
  updatePost,
} from "./operations" with { type: "ref" };

export const postsSpec = [
  query(getFeed, { entities: ["Post", "User"] }),
  query(getPost, { entities: ["Post", "User"] }),
  query(getTags, { entities: ["Post"] }),
  // Post writes change no user: naming User would also refetch every user query (useAuth's).
  action(createPost, { entities: ["Post"] }),
  action(updatePost, { entities: ["Post"] }),
  action(deletePost, { entities: ["Post"] }),
];
