import { useEffect, useState } from "react";
import { getFeed, useQuery } from "wasp/client/operations";
import type { PostView } from "./posts.schemas";
import { PostList } from "./PostList";

// First page through useQuery (kept fresh by Wasp after every post action); older pages are
// fetched on demand with the cursor and appended.
export function PostFeed() {
  const firstPage = useQuery(getFeed, {});
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
      const page = await getFeed({ cursor });
      setOlder((posts) => [...posts, ...page.items]);
      setCursor(page.nextCursor);
    } catch (error) {
      setMoreError(error instanceof Error ? error.message : "Could not load more posts");
    } finally {
      setLoadingMore(false);
    }
  }

  if (firstPage.isLoading) return <p aria-busy="true">Loading posts…</p>;
  if (firstPage.error) {
    return (
      <p role="alert" className="field-error">
        Could not load the feed: {firstPage.error.message}
      </p>
    );
  }
  const posts = [...(firstPage.data?.items ?? []), ...older];
  return (
    <section aria-label="Feed" className="stack">
      <PostList posts={posts} />
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
