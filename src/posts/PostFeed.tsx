import { getFeed } from "wasp/client/operations";
import { LoadMore } from "../client/components/LoadMore";
import { LoadError, Loading } from "../client/components/Status";
import { useCursorPages } from "../client/useCursorPages";
import { PostList } from "./PostList";

/** The newest visible posts, or with `authorId` one author's, paged with "Load more". */
export function PostFeed({ authorId, label = "Feed" }: { authorId?: number; label?: string }) {
  const feed = useCursorPages(getFeed, authorId ? { authorId } : {});
  if (feed.isLoading) return <Loading label="Loading posts…" />;
  if (feed.error) return <LoadError error={feed.error} what="the posts" />;
  return (
    <section aria-label={label} className="stack">
      <PostList posts={feed.items} empty={authorId ? "No posts here yet." : undefined} />
      <LoadMore
        hasMore={feed.hasMore}
        loading={feed.loadingMore}
        error={feed.moreError}
        onClick={feed.loadMore}
      />
    </section>
  );
}
