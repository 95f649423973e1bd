import { Link } from "react-router";
import { dismissReport, getReportQueue, hidePost } from "wasp/client/operations";
import { LoadMore } from "../client/components/LoadMore";
import { LoadError, Loading } from "../client/components/Status";
import { useCursorPages } from "../client/useCursorPages";
import { formatDate } from "../posts/PostMeta";
import { ActionButton, ReasonAction } from "./ActionButton";

/** Open reports, newest first. Hiding a post resolves all of its open reports at once. */
export function ReportQueue() {
  const queue = useCursorPages(getReportQueue, { limit: 25 });
  if (queue.isLoading) return <Loading label="Loading reports…" />;
  if (queue.error) return <LoadError error={queue.error} what="the reports" />;
  const reports = queue.items;
  if (reports.length === 0) return <p className="muted">No open reports. All clear.</p>;
  return (
    <>
      <table className="data-table">
        <caption className="visually-hidden">Open reports</caption>
        <thead>
          <tr>
            <th scope="col">Post</th>
            <th scope="col">Reason</th>
            <th scope="col">Reported by</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
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
                      run={(reason) => hidePost({ postId: report.post.id, reason })}
                    />
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore
        hasMore={queue.hasMore}
        loading={queue.loadingMore}
        error={queue.moreError}
        onClick={queue.loadMore}
      />
    </>
  );
}
