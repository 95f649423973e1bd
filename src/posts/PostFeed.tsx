import { useEffect, useState } from "react";
import { getFeed, useQuery } from "wasp/client/operations";
import { LoadError, Loading } from "../client/components/Status";
import { errorMessage } from "../client/errors";
import type { PostView } from "./posts.schemas";
import { PostList } from "./PostList";

// First page through useQuery (kept fresh by Wasp after every post action); older pages are
// fetched on demand with the cursor and appended. With `authorId`, one author's posts.
export function PostFeed({ authorId, label = "Feed" }: { authorId?: number; label?: string }) {
  const args = authorId ? { authorId } : {};
  const firstPage = useQuery(getFeed, args);
  const [older, setOlder] = useState<PostView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  useEffect(() => {
    setOlder([]);
    setCursor(firstPage.data?.nextCursor ?? null);
  }, [firstPage.data]);

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await getFeed({ ...args, cursor });
      setOlder((posts) => [...posts, ...page.items]);
      setCursor(page.nextCursor);
    } catch (error) {
      setMoreError(errorMessage(error, "Could not load more posts"));
    } finally {
      setLoadingMore(false);
    }
  }

  if (firstPage.isLoading) return <Loading label="Loading posts…" />;
  if (firstPage.error) return <LoadError error={firstPage.error} what="the posts" />;
  const posts = [...(firstPage.data?.items ?? []), ...older];
  return (
    <section aria-label={label} className="stack">
      <PostList posts={posts} empty={authorId ? "No posts here yet." : undefined} />
      {moreError && (
        <p role="alert" className="field-error">
          {moreError}
        </p>
      )}
      {cursor && (
        <button
          type="button"
          className="button secondary"
          onClick={loadMore}
          disabled={loadingMore}
        >
          {loadingMore ? "Loading…" : "Load more"}
        </button>
      )}
    </section>
  );
}
