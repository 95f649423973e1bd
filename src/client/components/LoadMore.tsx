/** The "Load more" button under a paged list, with the error of a failed attempt. */
export function LoadMore(props: {
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  onClick: () => void;
}) {
  return (
    <>
      {props.error && (
        <p role="alert" className="field-error">
          {props.error}
        </p>
      )}
      {props.hasMore && (
        <div>
          <button
            type="button"
            className="button secondary"
            onClick={props.onClick}
            disabled={props.loading}
          >
            {props.loading ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </>
  );
}
