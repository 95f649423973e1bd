import { Link } from "react-router";
import { deleteComment } from "wasp/client/operations";
import { Avatar } from "../client/components/Avatar";
import { ConfirmDelete } from "../client/components/ConfirmDelete";
import { formatDate } from "../client/format";
import { Markdown } from "../markdown/Markdown";
import { ReportForm } from "../posts/ReportForm";
import type { CommentView } from "./comments.schemas";

// Imported on the first report (src/client/useSubmit.ts).
const loadReportCommentInput = () => import("./comments.schemas").then((m) => m.reportCommentInput);

export type CommentViewer = { id: number; role: string } | null;

/** One comment: who and when, the body as Markdown, and what the viewer may do with it. */
export function CommentItem(props: {
  comment: CommentView;
  viewer: CommentViewer;
  onDeleted: (id: number) => void;
}) {
  const { comment, viewer } = props;
  const own = viewer?.id === comment.author.id;
  const mayDelete = own || viewer?.role === "ADMIN";
  return (
    <li className={comment.hiddenAt ? "comment is-hidden" : "comment"}>
      <article aria-label={`Comment by ${comment.author.name}`}>
        <header className="comment-head">
          <Avatar name={comment.author.name} image={comment.author.image} />
          <Link to={`/@${comment.author.username}`} className="comment-author">
            {comment.author.name}
          </Link>
          <span className="muted">@{comment.author.username}</span>
          <time className="muted" dateTime={new Date(comment.createdAt).toISOString()}>
            {formatDate(comment.createdAt)}
          </time>
        </header>
        {comment.hiddenAt && (
          <p className="flag">
            Hidden by moderation{comment.hiddenReason ? `: ${comment.hiddenReason}` : ""}. Only its
            author and admins can see it.
          </p>
        )}
        <Markdown source={comment.body} className="comment-body" />
        <div className="comment-actions">
          {mayDelete && (
            <ConfirmDelete
              question="Delete this comment?"
              fallback="Could not delete the comment"
              run={() => deleteComment({ id: comment.id })}
              onDeleted={() => props.onDeleted(comment.id)}
              small
            />
          )}
          {viewer && !own && (
            <ReportForm subject={{ commentId: comment.id }} schema={loadReportCommentInput} />
          )}
        </div>
      </article>
    </li>
  );
}
