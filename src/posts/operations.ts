import type { z } from "zod";
import type {
  CreatePost,
  DeletePost,
  GetFeed,
  GetPost,
  GetTags,
  UpdatePost,
} from "wasp/server/operations";
import { serviceDeps } from "../server/serviceDeps";
import { readWith } from "../server/replicas/readRoute";
import { idParams } from "../shared/schemas";
import { parseInput } from "../shared/validation";
import { asOperation, viewerFrom } from "../shared/wasp";
import {
  tagsInput,
  type CreatePostInput,
  type FeedInput,
  type UpdatePostInput,
} from "./posts.schemas";
import { listTags } from "./tags.service";
import * as posts from "./posts.service";

// Argument types are the schemas' inputs; the service validates with those same schemas.
type IdArgs = z.input<typeof idParams>;

export const getFeed: GetFeed<FeedInput | undefined, posts.FeedPage> = (args, context) =>
  asOperation(() => {
    const viewer = viewerFrom(context.user);
    return readWith(viewer, (reads) => posts.listFeed(viewer, args, reads));
  });

export const createPost: CreatePost<CreatePostInput, posts.PostView> = (args, context) =>
  asOperation(() => posts.createPost(viewerFrom(context.user), args, serviceDeps()));

export const getPost: GetPost<IdArgs, posts.PostView> = (args, context) =>
  asOperation(() => {
    const { id } = parseInput(idParams, args);
    const viewer = viewerFrom(context.user);
    return readWith(viewer, (reads) => posts.getPost(viewer, id, reads));
  });

export const updatePost: UpdatePost<IdArgs & UpdatePostInput, posts.PostView> = (args, context) =>
  asOperation(() => {
    const { id, ...changes } = args ?? ({} as IdArgs);
    const postId = parseInput(idParams, { id }).id;
    return posts.updatePost(viewerFrom(context.user), postId, changes, serviceDeps());
  });

export const deletePost: DeletePost<IdArgs, void> = (args, context) =>
  asOperation(() => {
    const { id } = parseInput(idParams, args);
    return posts.deletePost(viewerFrom(context.user), id, serviceDeps());
  });

/** Every tag in use, the most used first (the tag cloud, the editor's suggestions). */
export const getTags: GetTags<Record<string, never> | undefined, { tags: string[] }> = (
  args,
  context,
) =>
  asOperation(async () => {
    parseInput(tagsInput, args ?? {});
    return { tags: await readWith(viewerFrom(context.user), listTags) };
  });
