import { prisma } from "wasp/server";
import { feedCache } from "../cache";
import type { CreatePost, DeletePost, GetFeed, GetPost, UpdatePost } from "wasp/server/operations";
import { idParams } from "../shared/schemas";
import { parseInput } from "../shared/validation";
import { asOperation, viewerFrom } from "../shared/wasp";
import * as posts from "./posts.service";

// Argument types are what the browser sends; the service re-validates them with zod.
type FeedArgs = { cursor?: string; limit?: number; authorId?: number } | undefined;
type CreatePostArgs = { title: string; content: string };
type UpdatePostArgs = { id: number; title?: string; content?: string };

export const getFeed: GetFeed<FeedArgs, posts.FeedPage> = (args, context) =>
  asOperation(() =>
    posts.listFeed(viewerFrom(context.user), args, { db: prisma, cache: feedCache() }),
  );

export const createPost: CreatePost<CreatePostArgs, posts.PostView> = (args, context) =>
  asOperation(() =>
    posts.createPost(viewerFrom(context.user), args, { db: prisma, cache: feedCache() }),
  );

export const getPost: GetPost<{ id: number }, posts.PostView> = (args, context) =>
  asOperation(() => {
    const { id } = parseInput(idParams, args);
    return posts.getPost(viewerFrom(context.user), id, { db: prisma });
  });

export const updatePost: UpdatePost<UpdatePostArgs, posts.PostView> = (args, context) =>
  asOperation(() => {
    const { id, ...changes } = args ?? ({} as UpdatePostArgs);
    return posts.updatePost(viewerFrom(context.user), parseInput(idParams, { id }).id, changes, {
      db: prisma,
      cache: feedCache(),
    });
  });

export const deletePost: DeletePost<{ id: number }, void> = (args, context) =>
  asOperation(() => {
    const { id } = parseInput(idParams, args);
    return posts.deletePost(viewerFrom(context.user), id, { db: prisma, cache: feedCache() });
  });
