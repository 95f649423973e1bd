import { useId, useState } from "react";
import { Link } from "react-router";
import { getModerationComments, hideComment, restoreComment } from "wasp/client/operations";
import { PagedTable } from "../client/components/PagedTable";
import { useCursorPages } from "../client/useCursorPages";
import { formatDate } from "../client/format";
import { ActionButton, ReasonAction } from "./ActionButton";
import { hideCommentInput } from "./moderation.schemas";

/** Recent comments, newest first, hidden ones included (or only those); hide or restore each. */
export function CommentsPanel() {
  const [hiddenOnly, setHiddenOnly] = useState(false);
  const filterId = useId();
  const comments = useCursorPages(getModerationComments, { hiddenOnly, limit: 25 });
  return (
    <div className="stack">
      <p className="filter">
        <input
          id={filterId}
          type="checkbox"
          checked={hiddenOnly}
          onChange={(event) => setHiddenOnly(event.target.checked)}
        />
        <label htmlFor={filterId}>Hidden comments only</label>
      </p>
      <PagedTable
        pages={comments}
        what="comments"
        empty={hiddenOnly ? "No hidden comments." : "No comments yet."}
        caption={hiddenOnly ? "Hidden comments" : "Recent comments"}
        columns={["Comment", "Status", "Actions"]}
        row={(comment) => {
          // Screen readers hear which row a button acts on, e.g. "Hide comment by Ann on …".
          const target = `comment by ${comment.author.name} on ${comment.post.title}`;
          return (
            <tr key={comment.id}>
              <td data-label="Comment" className="wrap">
                <q className="comment-excerpt">{comment.excerpt}</q>
                <span className="muted cell-note">
                  by {comment.author.name} on{" "}
                  <Link to={`/posts/${comment.post.id}`}>{comment.post.title}</Link> ·{" "}
                  <time dateTime={new Date(comment.createdAt).toISOString()}>
                    {formatDate(comment.createdAt)}
                  </time>
                </span>
              </td>
              <td data-label="Status" className="wrap">
                {comment.hiddenAt ? (
                  <>
                    <span className="badge">Hidden</span> {comment.hiddenReason}
                  </>
                ) : (
                  "Visible"
                )}
              </td>
              <td data-label="Actions">
                <div className="cell-actions">
                  {comment.hiddenAt ? (
                    <ActionButton
                      label="Restore"
                      ariaLabel={`Restore ${target}`}
                      run={() => restoreComment({ commentId: comment.id })}
                    />
                  ) : (
                    <ReasonAction
                      label="Hide"
                      submitLabel="Hide comment"
                      target={target}
                      reason={hideCommentInput.shape.reason}
                      run={(reason) => hideComment({ commentId: comment.id, reason })}
                    />
                  )}
                </div>
              </td>
            </tr>
          );
        }}
      />
    </div>
  );
}
