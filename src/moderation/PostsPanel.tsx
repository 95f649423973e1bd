import { useState } from "react";
import { Link } from "react-router";
import { getModerationPosts, hidePost, restorePost } from "wasp/client/operations";
import { PagedTable } from "../client/components/PagedTable";
import { useCursorPages } from "../client/useCursorPages";
import { formatDate } from "../client/format";
import { ActionButton, ReasonAction } from "./ActionButton";
import { hidePostInput } from "./moderation.schemas";
import { SearchBox } from "./SearchBox";

/** Every post, hidden ones included; hide with a reason or restore. */
export function PostsPanel() {
  const [q, setQ] = useState("");
  const posts = useCursorPages(getModerationPosts, { q: q || undefined, limit: 25 });
  return (
    <div className="stack">
      <SearchBox label="Search posts" onSearch={setQ} />
      <PagedTable
        pages={posts}
        what="posts"
        empty="No posts match."
        caption="Posts"
        columns={["Post", "Status", "Open reports", "Actions"]}
        row={(post) => (
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
                    reason={hidePostInput.shape.reason}
                    run={(reason) => hidePost({ postId: post.id, reason })}
                  />
                )}
              </div>
            </td>
          </tr>
        )}
      />
    </div>
  );
}
