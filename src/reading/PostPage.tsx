import { Suspense, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useAuth } from "wasp/client/auth";
import { deletePost, getPost, useQuery } from "wasp/client/operations";
import { ConfirmDelete } from "../client/components/ConfirmDelete";
import { LoadError, Loading } from "../client/components/Status";
import { statusOf } from "../client/errors";
import { usePageTitle } from "../client/usePageTitle";
import { CommentsSection } from "../comments/CommentsSection";
import { Markdown, preloadMarkdown } from "../markdown/Markdown";
import { FavoriteButton } from "../posts/FavoriteButton";
import { ReportForm } from "../posts/ReportForm";
import type { PostView } from "../posts/posts.schemas";
import { FollowButton } from "../users/FollowButton";
import { PostHeader } from "./PostHeader";
import {
  hasServerPage,
  serverPageTitle,
  serverRenderedBody,
  useServerPageHandoff,
} from "./serverPageHandoff";
import "../posts/posts.css";
import "../posts/post-page.css";

// The post page: a post with its conversation. It composes posts and comments, so it sits in a
// folder above both (comments already depend on posts), as profiles does for users and posts.

// The body's renderer downloads while the post is fetched, not after it arrives; a page that
// arrived rendered by the server needs it only for comments, which load it when they render.
if (!hasServerPage()) preloadMarkdown();

export function PostPage() {
  const id = Number(useParams().id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const post = useQuery(getPost, { id }, { enabled: valid });
  const notFound = !valid || statusOf(post.error) === 404;
  const [serverTitle] = useState(serverPageTitle);
  usePageTitle(notFound ? "Post not found" : (post.data?.title ?? serverTitle));
  if (notFound) {
    return (
      <section className="card stack">
        <ServerPageHandoff />
        <h1>Post not found</h1>
        <p className="muted">It may have been deleted or hidden by moderation.</p>
      </section>
    );
  }
  if (post.isLoading) return <Loading label="Loading the post…" />;
  if (post.error || !post.data) {
    return (
      <>
        <ServerPageHandoff keepArticle />
        <LoadError error={post.error} what="the post" />
      </>
    );
  }
  // Title and body appear together: should the renderer still be on its way, the page keeps
  // its loading line instead of showing a post without its text.
  return (
    <Suspense fallback={<Loading label="Loading the post…" />}>
      <PostDetail post={post.data} />
    </Suspense>
  );
}

function ServerPageHandoff(props: { keepArticle?: boolean }) {
  useServerPageHandoff(true, props);
  return null;
}

function PostDetail({ post }: { post: PostView }) {
  const { data: user, isLoading: sessionLoading } = useAuth();
  // With the session known, the byline's button is the one it keeps (Follow, or none on one's
  // own post), so the page changes at most once.
  useServerPageHandoff(!sessionLoading);
  // Read once per version of the post: the server's paint is gone after the first render.
  const updatedAt = new Date(post.updatedAt).toISOString();
  const serverBody = useMemo(() => serverRenderedBody(new Date(updatedAt)), [updatedAt]);
  const navigate = useNavigate();
  const viewer = user ? { id: user.id, role: user.role } : null;
  const mayChange = user && (user.id === post.author.id || user.role === "ADMIN");
  return (
    <div className="post-page">
      <article className={post.hiddenAt ? "post-article is-hidden" : "post-article"}>
        <PostHeader
          post={post}
          action={
            user?.id !== post.author.id && (
              <FollowButton username={post.author.username} following={post.author.following} />
            )
          }
        />
        {post.hiddenAt && (
          <p className="flag">
            Hidden by moderation{post.hiddenReason ? `: ${post.hiddenReason}` : ""}. Only its author
            and admins can see it.
          </p>
        )}
        {serverBody === undefined ? (
          <Markdown source={post.content} className="post-body" />
        ) : (
          // The server's rendering of this same text by the same renderer (serverRenderedBody).
          <div className="markdown post-body" dangerouslySetInnerHTML={{ __html: serverBody }} />
        )}
        <footer className="post-footer">
          <FavoriteButton
            postId={post.id}
            favorited={post.favorited}
            count={post.favoritesCount}
            signedIn={Boolean(user)}
          />
          {mayChange && (
            <div className="actions">
              <Link to={`/editor/${post.id}`} className="button secondary">
                Edit
              </Link>
              <ConfirmDelete
                question="Delete this post for good?"
                fallback="Could not delete the post"
                run={() => deletePost({ id: post.id })}
                onDeleted={() => navigate("/", { replace: true })}
              />
            </div>
          )}
        </footer>
      </article>
      {user && user.id !== post.author.id && <ReportForm subject={{ postId: post.id }} />}
      <CommentsSection postId={post.id} viewer={viewer} />
    </div>
  );
}
