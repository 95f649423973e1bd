import { requireActiveViewer, type Viewer } from "../shared/viewer";
import { getPost, type PostDeps, type PostView } from "./posts.service";

// Favourites: a reader marks a post. Both calls are idempotent (a second favourite changes
// nothing) and keep Post.favoritesCount exact under concurrency: the count moves only in the
// transaction whose row insert or delete actually happened.

export async function favoritePost(
  viewer: Viewer | null,
  postId: number,
  deps: PostDeps,
): Promise<PostView> {
  const reader = requireActiveViewer(viewer);
  await getPost(reader, postId, deps); // 404 for posts the reader cannot see
  const added = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.favorite.createMany({
      data: [{ userId: reader.id, postId }],
      skipDuplicates: true,
    });
    if (count > 0) {
      await tx.post.update({ where: { id: postId }, data: { favoritesCount: { increment: 1 } } });
    }
    return count > 0;
  });
  // Feeds show the count.
  if (added) await deps.cache?.invalidate();
  return getPost(reader, postId, deps);
}

export async function unfavoritePost(
  viewer: Viewer | null,
  postId: number,
  deps: PostDeps,
): Promise<PostView> {
  const reader = requireActiveViewer(viewer);
  await getPost(reader, postId, deps);
  const removed = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.favorite.deleteMany({ where: { userId: reader.id, postId } });
    if (count > 0) {
      await tx.post.update({ where: { id: postId }, data: { favoritesCount: { decrement: 1 } } });
    }
    return count > 0;
  });
  if (removed) await deps.cache?.invalidate();
  return getPost(reader, postId, deps);
}
