import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useAuth } from "wasp/client/auth";
import { deletePost, getPost, useQuery } from "wasp/client/operations";
import { LoadError, Loading } from "../client/components/Status";
import { statusOf } from "../client/errors";
import { useSubmit } from "../client/useSubmit";
import { ReportForm } from "./ReportForm";
import { PostForm } from "./PostForm";
import { PostMeta } from "./PostMeta";
import type { PostView } from "./posts.schemas";
import "./posts.css";

export function PostPage() {
  const id = Number(useParams().id);
  const post = useQuery(getPost, { id }, { enabled: Number.isSafeInteger(id) && id > 0 });
  if (!Number.isSafeInteger(id) || id < 1 || statusOf(post.error) === 404) {
    return (
      <section className="card stack">
        <h1>Post not found</h1>
        <p className="muted">It may have been deleted or hidden by moderation.</p>
      </section>
    );
  }
  if (post.isLoading) return <Loading label="Loading the post…" />;
  if (post.error || !post.data) return <LoadError error={post.error} what="the post" />;
  return <PostDetail post={post.data} />;
}

function PostDetail({ post }: { post: PostView }) {
  const { data: user } = useAuth();
  const [editing, setEditing] = useState(false);
  const mayChange = user && (user.id === post.author.id || user.role === "ADMIN");
  if (editing) return <PostForm post={post} onDone={() => setEditing(false)} />;
  return (
    <div className="stack">
      <p className="back-link">
        <Link to="/">← Back to the feed</Link>
      </p>
      <article className={post.hiddenAt ? "card post is-hidden" : "card post"}>
        <h1>{post.title}</h1>
        <PostMeta post={post} />
        <p className="post-content">{post.content}</p>
        {mayChange && (
          <div className="actions post-actions">
            <button type="button" className="button secondary" onClick={() => setEditing(true)}>
              Edit
            </button>
            <DeleteButton postId={post.id} />
          </div>
        )}
      </article>
      {user && user.id !== post.author.id && <ReportForm postId={post.id} />}
    </div>
  );
}

// Deleting asks once more in place (no browser dialog), keeping focus and keyboard flow.
function DeleteButton({ postId }: { postId: number }) {
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const { submit, busy, error } = useSubmit({
    run: () => deletePost({ id: postId }),
    fallback: "Could not delete the post",
  });

  async function remove() {
    if ((await submit(undefined)).ok) navigate("/", { replace: true });
  }

  if (!confirming) {
    return (
      <button type="button" className="button danger secondary" onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label="Confirm delete">
      <span>Delete this post for good?</span>
      <button type="button" className="button danger" onClick={remove} disabled={busy} autoFocus>
        {busy ? "Deleting…" : "Yes, delete"}
      </button>
      <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
        Keep it
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
