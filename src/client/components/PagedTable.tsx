import type { ReactNode } from "react";
import { LoadMore } from "./LoadMore";
import { LoadError, Loading } from "./Status";

/** What useCursorPages returns, as far as a table of its items needs it. */
export type Pages<T> = {
  isLoading: boolean;
  error: unknown;
  items: T[];
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string | null;
  loadMore: () => void;
};

/**
 * A paged list as a table, with the loading, error and empty states and "Load more" every
 * admin list needs; `row` renders one item as a <tr> with `data-label`s for phone widths.
 */
export function PagedTable<T>(props: {
  pages: Pages<T>;
  what: string;
  empty: string;
  caption: string;
  columns: string[];
  row: (item: T) => ReactNode;
}) {
  const { pages } = props;
  if (pages.isLoading) return <Loading label={`Loading ${props.what}…`} />;
  if (pages.error) return <LoadError error={pages.error} what={`the ${props.what}`} />;
  if (pages.items.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <>
      <table className="data-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{pages.items.map(props.row)}</tbody>
      </table>
      <LoadMore
        hasMore={pages.hasMore}
        loading={pages.loadingMore}
        error={pages.moreError}
        onClick={pages.loadMore}
      />
    </>
  );
}
