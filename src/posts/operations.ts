import { prisma } from "wasp/server";
import { feedCache } from "../cache";
import type { CreatePost, GetFeed } from "wasp/server/operations";
import { asOperation, viewerFrom } from "../shared/wasp";
import * as posts from "./posts.service";

// Argument types are what the browser sends; the service re-validates them with zod.
type FeedArgs = { cursor?: string; limit?: number; authorId?: number } | undefined;
type CreatePostArgs = { title: string; content: string };

export const getFeed: GetFeed<FeedArgs, posts.FeedPage> = (args, context) =>
  asOperation(() =>
    posts.listFeed(viewerFrom(context.user), args, { db: prisma, cache: feedCache() }),
  );

export const createPost: CreatePost<CreatePostArgs, posts.PostView> = (args, context) =>
  asOperation(() =>
    posts.createPost(viewerFrom(context.user), args, { db: prisma, cache: feedCache() }),
  );
