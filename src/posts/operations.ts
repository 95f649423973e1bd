import { HttpError, prisma } from "wasp/server";
import type { CreatePost, GetFeed } from "wasp/server/operations";
import { asOperation } from "../shared/wasp";
import * as posts from "./posts.service";

// Argument types are what the browser sends; the service re-validates them with zod.
type FeedArgs = { cursor?: string; limit?: number; authorId?: number } | undefined;
type CreatePostArgs = { title: string; content: string };

export const getFeed: GetFeed<FeedArgs, posts.FeedPage> = (args) =>
  asOperation(() => posts.listFeed(args, { db: prisma }));

export const createPost: CreatePost<CreatePostArgs, posts.PostView> = (args, context) => {
  if (!context.user) throw new HttpError(401, "Sign in to post");
  const authorId = context.user.id;
  return asOperation(() => posts.createPost(authorId, args, { db: prisma }));
};
