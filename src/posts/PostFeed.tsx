import { getFeed, getFollowingFeed } from "wasp/client/operations";
import { LoadMore } from "../client/components/LoadMore";
import { LoadError, Loading } from "../client/components/Status";
import { useCursorPages } from "../client/useCursorPages";
import type { FeedInput } from "./posts.schemas";
import { PostList } from "./PostList";

type FeedFilter = Pick<FeedInput, "authorId" | "author" | "tag" | "favoritedBy">;

/**
 * A paged list of feed cards with "Load more": the newest visible posts (optionally one
 * author's, one tag's or one reader's favourites), or with `following` the viewer's following feed.
 */
export function PostFeed({
  filter = {},
  following = false,
  label = "Feed",
  empty,
}: {
  filter?: FeedFilter;
  following?: boolean;
  label?: string;
  empty?: string;
}) {
  const feed = useCursorPages(following ? getFollowingFeed : getFeed, following ? {} : filter);
  if (feed.isLoading) return <Loading label="Loading posts…" />;
  if (feed.error) return <LoadError error={feed.error} what="the posts" />;
  return (
    <section aria-label={label} className="stack">
      <PostList posts={feed.items} empty={empty} />
      <LoadMore
        hasMore={feed.hasMore}
        loading={feed.loadingMore}
        error={feed.moreError}
        onClick={feed.loadMore}
      />
    </section>
  );
}
