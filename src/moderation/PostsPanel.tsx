import { useState } from "react";
import { Link } from "react-router";
import { getModerationPosts, hidePost, restorePost } from "wasp/client/operations";
import { LoadMore } from "../client/components/LoadMore";
import { useCursorPages } from "../client/useCursorPages";
import { LoadError, Loading } from "../client/components/Status";
import { formatDate } from "../posts/PostMeta";
import { ActionButton, ReasonAction } from "./ActionButton";
import { SearchBox } from "./SearchBox";

/** Every post, hidden ones included; hide with a reason or restore. */
export function PostsPanel() {
  const [q, setQ] = useState("");
  const posts = useCursorPages(getModerationPosts, { q: q || undefined, limit: 25 });
  return (
    <div className="stack">
      <SearchBox label="Search posts" onSearch={setQ} />
      {posts.isLoading ? (
        <Loading label="Loading posts…" />
      ) : posts.error ? (
        <LoadError error={posts.error} what="the posts" />
      ) : posts.items.length === 0 ? (
        <p className="muted">No posts match.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Posts</caption>
          <thead>
            <tr>
              <th scope="col">Post</th>
              <th scope="col">Status</th>
              <th scope="col">Open reports</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {posts.items.map((post) => (
              <tr key={post.id}>
                <td data-label="Post">
                  <Link to={`/posts/${post.id}`}>{post.title}</Link>
                  <span className="muted cell-note">
                    by {post.author.name} · {formatDate(post.createdAt)}
                  </span>
                </td>
                <td data-label="Status" className="wrap">
                  {post.hiddenAt ? (
                    <>
                      <span className="badge">Hidden</span> {post.hiddenReason}
                    </>
                  ) : (
                    "Visible"
                  )}
                </td>
                <td data-label="Open reports">{post._count.reports}</td>
                <td data-label="Actions">
                  <div className="cell-actions">
                    {post.hiddenAt ? (
                      <ActionButton
                        label="Restore"
                        ariaLabel={`Restore ${post.title}`}
                        run={() => restorePost({ postId: post.id })}
                      />
                    ) : (
                      <ReasonAction
                        label="Hide"
                        submitLabel="Hide post"
                        target={post.title}
                        run={(reason) => hidePost({ postId: post.id, reason })}
                      />
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore
        hasMore={posts.hasMore}
        loading={posts.loadingMore}
        error={posts.moreError}
        onClick={posts.loadMore}
      />
    </div>
  );
}
