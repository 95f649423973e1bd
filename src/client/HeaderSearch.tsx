import { useId } from "react";
import { useSearchParams } from "react-router";
import { useSearchSubmit } from "./useSearchSubmit";

/**
 * The header's search box: a plain GET form to /search?q=, so it works before the scripts load
 * and the results page is a shareable URL. On the search page it keeps the query shown.
 */
export function HeaderSearch() {
  const id = useId();
  const onSubmit = useSearchSubmit();
  const [params] = useSearchParams();
  const q = params.get("q") ?? "";
  return (
    <form
      role="search"
      aria-label="Site search"
      action="/search"
      method="get"
      onSubmit={onSubmit}
      className="header-search"
    >
      <label htmlFor={id} className="visually-hidden">
        Search posts
      </label>
      <input
        id={id}
        type="search"
        name="q"
        placeholder="Search posts"
        defaultValue={q}
        key={q}
        maxLength={200}
      />
      <button type="submit" className="button secondary small">
        Search
      </button>
    </form>
  );
}
