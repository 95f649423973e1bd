import { Link } from "react-router";
import { formatDate } from "../client/format";
import type { PostView } from "./posts.schemas";
import "./posts.css";

/** "by <author> · <time>", plus the moderation flag the author and admins see. */
export function PostMeta({ post }: { post: PostView }) {
  return (
    <>
      <p className="post-meta muted">
        by <Link to={`/users/${post.author.id}`}>{post.author.name}</Link> ·{" "}
        <time dateTime={new Date(post.createdAt).toISOString()}>{formatDate(post.createdAt)}</time>
      </p>
      {post.hiddenAt && (
        <p className="flag">
          Hidden by moderation{post.hiddenReason ? `: ${post.hiddenReason}` : ""}. Only its author
          and admins can see it.
        </p>
      )}
    </>
  );
}
