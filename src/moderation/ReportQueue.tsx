import { Link } from "react-router";
import { dismissReport, getReportQueue, hideComment, hidePost } from "wasp/client/operations";
import { PagedTable } from "../client/components/PagedTable";
import { useCursorPages } from "../client/useCursorPages";
import { formatDate } from "../client/format";
import { ActionButton, ReasonAction } from "./ActionButton";
import { hideCommentInput, hidePostInput, type ReportView } from "./moderation.schemas";

/**
 * Open reports of posts and comments, newest first. Hiding a post or a comment resolves all of
 * its open reports at once.
 */
export function ReportQueue() {
  const queue = useCursorPages(getReportQueue, { limit: 25 });
  return (
    <PagedTable
      pages={queue}
      what="reports"
      empty="No open reports. All clear."
      caption="Open reports"
      columns={["Reported", "Reason", "Reported by", "Actions"]}
      row={(report) => (
        <tr key={report.id}>
          <td data-label="Reported" className="wrap">
            <Reported report={report} />
          </td>
          <td data-label="Reason" className="wrap">
            {report.reason}
          </td>
          <td data-label="Reported by">
            {report.reporter.name}
            <span className="muted cell-note">
              <time dateTime={new Date(report.createdAt).toISOString()}>
                {formatDate(report.createdAt)}
              </time>
            </span>
          </td>
          <td data-label="Actions">
            <div className="cell-actions">
              <Actions report={report} />
            </div>
          </td>
        </tr>
      )}
    />
  );
}

/** What the report is about: a post's title, or a comment's text with its author and post. */
function Reported({ report }: { report: ReportView }) {
  if (report.kind === "post") {
    const { post } = report;
    return (
      <>
        <Link to={`/posts/${post.id}`}>{post.title}</Link>
        <span className="muted cell-note">by {post.author.name}</span>
        {post.hiddenAt && <span className="badge">Hidden</span>}
      </>
    );
  }
  const { comment } = report;
  return (
    <>
      <q className="comment-excerpt">{comment.excerpt}</q>
      <span className="muted cell-note">
        Comment by {comment.author.name} on{" "}
        <Link to={`/posts/${comment.post.id}`}>{comment.post.title}</Link>
      </span>
      {comment.hiddenAt && <span className="badge">Hidden</span>}
    </>
  );
}

/** Dismiss, and Hide while the post or comment is still visible. */
function Actions({ report }: { report: ReportView }) {
  // Screen readers hear which row a button acts on, e.g. "Hide comment by Ann on First post".
  const target =
    report.kind === "post"
      ? report.post.title
      : `comment by ${report.comment.author.name} on ${report.comment.post.title}`;
  const dismiss = (
    <ActionButton
      label="Dismiss"
      ariaLabel={`Dismiss report on ${target}`}
      run={() => dismissReport({ reportId: report.id })}
    />
  );
  if (report.kind === "post") {
    return (
      <>
        {dismiss}
        {!report.post.hiddenAt && (
          <ReasonAction
            label="Hide"
            submitLabel="Hide post"
            target={target}
            reason={hidePostInput.shape.reason}
            run={(reason) => hidePost({ postId: report.post.id, reason })}
          />
        )}
      </>
    );
  }
  return (
    <>
      {dismiss}
      {!report.comment.hiddenAt && (
        <ReasonAction
          label="Hide"
          submitLabel="Hide comment"
          target={target}
          reason={hideCommentInput.shape.reason}
          run={(reason) => hideComment({ commentId: report.comment.id, reason })}
        />
      )}
    </>
  );
}
