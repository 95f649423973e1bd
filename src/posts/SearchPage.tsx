import { useEffect, useId, useState } from "react";
import { useSearchParams } from "react-router";
import { useSearchSubmit } from "../client/useSearchSubmit";
import { searchPosts, useQuery } from "wasp/client/operations";
import { LoadError, Loading } from "../client/components/Status";
import { errorMessage } from "../client/errors";
import { usePageTitle } from "../client/usePageTitle";
import { PostList } from "./PostList";
import type { PostView } from "./posts.schemas";
import "./discovery.css";

const PAGE_SIZE = 20;

/** /search?q=…: ranked results as feed cards; later pages by offset with "More results". */
export function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get("q")?.trim() ?? "";
  usePageTitle(q ? `Search: ${q}` : "Search");
  const inputId = useId();
  const onSubmit = useSearchSubmit();
  return (
    <div className="stack">
      <h1>{q ? `Search results for “${q}”` : "Search"}</h1>
      {/* A plain GET form: the query lives in the URL, so results can be shared and revisited. */}
      <form
        role="search"
        aria-label="Search again"
        action="/search"
        method="get"
        onSubmit={onSubmit}
        className="search-form"
      >
        <div className="field">
          <label htmlFor={inputId}>Words to find</label>
          <input id={inputId} type="search" name="q" defaultValue={q} key={q} maxLength={200} />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {q ? <Results key={q} q={q} /> : <p className="muted">Type words to find in posts.</p>}
    </div>
  );
}

function Results({ q }: { q: string }) {
  const first = useQuery(searchPosts, { q, limit: PAGE_SIZE }, { refetchOnWindowFocus: false });
  const [more, setMore] = useState<PostView[]>([]);
  const [nextOffset, setNextOffset] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  useEffect(() => {
    setMore([]);
    setNextOffset(first.data?.nextOffset ?? null);
  }, [first.data]);

  if (first.isLoading) return <Loading label="Searching…" />;
  if (first.error || !first.data) return <LoadError error={first.error} what="the results" />;
  const items = [...first.data.items, ...more];

  async function loadMore() {
    if (nextOffset === null) return;
    setLoading(true);
    setMoreError(null);
    try {
      const page = await searchPosts({ q, limit: PAGE_SIZE, offset: nextOffset });
      setMore((shown) => [...shown, ...page.items]);
      setNextOffset(page.nextOffset);
    } catch (error) {
      setMoreError(errorMessage(error, "Could not load more results"));
    } finally {
      setLoading(false);
    }
  }

  if (items.length === 0) {
    return <p className="card">No results for “{q}”. Try other or fewer words.</p>;
  }
  return (
    <section aria-label="Search results" className="stack">
      <p className="search-summary muted" role="status">
        {nextOffset === null
          ? `${items.length} ${items.length === 1 ? "result" : "results"}`
          : `Showing the first ${items.length} results`}
      </p>
      <PostList posts={items} />
      {moreError && (
        <p role="alert" className="field-error">
          {moreError}
        </p>
      )}
      {nextOffset !== null && (
        <div>
          <button type="button" className="button secondary" onClick={loadMore} disabled={loading}>
            {loading ? "Loading…" : "More results"}
          </button>
        </div>
      )}
    </section>
  );
}
