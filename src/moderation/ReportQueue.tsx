import { Link } from "react-router";
import { dismissReport, getReportQueue, hidePost } from "wasp/client/operations";
import { PagedTable } from "../client/components/PagedTable";
import { useCursorPages } from "../client/useCursorPages";
import { formatDate } from "../client/format";
import { ActionButton, ReasonAction } from "./ActionButton";
import { hidePostInput } from "./moderation.schemas";

/** Open reports, newest first. Hiding a post resolves all of its open reports at once. */
export function ReportQueue() {
  const queue = useCursorPages(getReportQueue, { limit: 25 });
  return (
    <PagedTable
      pages={queue}
      what="reports"
      empty="No open reports. All clear."
      caption="Open reports"
      columns={["Post", "Reason", "Reported by", "Actions"]}
      row={(report) => (
        <tr key={report.id}>
          <td data-label="Post">
            <Link to={`/posts/${report.post.id}`}>{report.post.title}</Link>
            <span className="muted cell-note">by {report.post.author.name}</span>
            {report.post.hiddenAt && <span className="badge">Hidden</span>}
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
              <ActionButton
                label="Dismiss"
                ariaLabel={`Dismiss report on ${report.post.title}`}
                run={() => dismissReport({ reportId: report.id })}
              />
              {!report.post.hiddenAt && (
                <ReasonAction
                  label="Hide"
                  submitLabel="Hide post"
                  target={report.post.title}
                  reason={hidePostInput.shape.reason}
                  run={(reason) => hidePost({ postId: report.post.id, reason })}
                />
              )}
            </div>
          </td>
        </tr>
      )}
    />
  );
}
