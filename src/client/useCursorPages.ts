import { useEffect, useState } from "react";
import { useQuery, type QueryMetadata } from "wasp/client/operations";
import { errorMessage } from "./errors";

type PageOf<T> = { items: T[]; nextCursor: string | null };
type PagedQuery<A, T> = ((args: A) => Promise<PageOf<T>>) & QueryMetadata;

/**
 * A keyset-paged list: the first page through useQuery (so Wasp refetches it after any action
 * on the same entities), later pages fetched with the cursor on demand and appended. A refetch
 * of the first page drops the appended ones, which may be stale by then.
 */
export function useCursorPages<A extends object, T>(query: PagedQuery<A, T>, args: A) {
  // Wasp's Query type is not public; a paged query is one, so only its name is adapted here.
  // Not refetched on window focus: that would drop the pages the reader loaded before leaving
  // the tab (React Query replaces page data that holds Dates on every refetch).
  const first = useQuery(query as Parameters<typeof useQuery<A, PageOf<T>>>[0], args, {
    refetchOnWindowFocus: false,
  });
  const [more, setMore] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  useEffect(() => {
    setMore([]);
    setCursor(first.data?.nextCursor ?? null);
  }, [first.data]);

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await query({ ...args, cursor });
      setMore((items) => [...items, ...page.items]);
      setCursor(page.nextCursor);
    } catch (error) {
      setMoreError(errorMessage(error, "Could not load more"));
    } finally {
      setLoadingMore(false);
    }
  }

  return {
    isLoading: first.isLoading,
    error: first.error,
    items: first.data ? [...first.data.items, ...more] : [],
    hasMore: cursor !== null,
    loadMore,
    loadingMore,
    moreError,
  };
}
