import { Suspense, useState } from "react";
import { Link } from "react-router";
import { getComments } from "wasp/client/operations";
import { LoadMore } from "../client/components/LoadMore";
import { LoadError, Loading } from "../client/components/Status";
import { useCursorPages } from "../client/useCursorPages";
import { CommentForm } from "./CommentForm";
import { CommentItem, type CommentViewer } from "./CommentItem";
import type { CommentView } from "./comments.schemas";
import "./comments.css";

/**
 * The conversation under a post, oldest first. Which comments are shown is the server's
 * decision (hidden ones reach only their author and admins). A comment just written or deleted
 * shows at once: Wasp refetches the first page, and this keeps what the reader did meanwhile.
 */
export function CommentsSection({ postId, viewer }: { postId: number; viewer: CommentViewer }) {
  const pages = useCursorPages(getComments, { postId });
  const [written, setWritten] = useState<CommentView[]>([]);
  const [deleted, setDeleted] = useState<Set<number>>(() => new Set());

  const listed = new Set(pages.items.map((c) => c.id));
  const comments = [...pages.items, ...written.filter((c) => !listed.has(c.id))].filter(
    (c) => !deleted.has(c.id),
  );
  const count = pages.hasMore ? `${comments.length}+` : String(comments.length);

  return (
    <section className="comments" aria-labelledby="comments-heading">
      {/* The count is added once known: a placeholder would change width and move the text. */}
      <h2 id="comments-heading">Comments{pages.isLoading ? null : ` (${count})`}</h2>
      {pages.isLoading ? (
        <Loading label="Loading the comments…" />
      ) : pages.error ? (
        <LoadError error={pages.error} what="the comments" />
      ) : comments.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        // The list appears whole once the Markdown renderer is there (src/markdown/Markdown.tsx).
        <Suspense fallback={<Loading label="Loading the comments…" />}>
          <ol className="comment-list">
            {comments.map((comment) => (
              <CommentItem
                key={comment.id}
                comment={comment}
                viewer={viewer}
                onDeleted={(id) => setDeleted((ids) => new Set(ids).add(id))}
              />
            ))}
          </ol>
        </Suspense>
      )}
      <LoadMore
        hasMore={pages.hasMore}
        loading={pages.loadingMore}
        error={pages.moreError}
        onClick={pages.loadMore}
      />
      {viewer ? (
        <CommentForm postId={postId} onCreated={(c) => setWritten((list) => [...list, c])} />
      ) : (
        <p>
          <Link to="/login">Log in to join the conversation</Link>
        </p>
      )}
    </section>
  );
}
