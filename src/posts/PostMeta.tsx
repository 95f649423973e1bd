import { Link } from "react-router";
import { Avatar } from "../client/components/Avatar";
import { formatDate } from "../client/format";
import type { PostView } from "./posts.schemas";
import "./posts.css";

/** The author (avatar, name, @handle) and the date, plus the moderation flag the author and admins see. */
export function PostMeta({ post }: { post: PostView }) {
  const { author } = post;
  const profile = `/@${author.username}`;
  return (
    <>
      <div className="post-meta muted">
        <Avatar name={author.name} image={author.image} />
        <span className="post-byline">
          <span className="post-author">{author.name}</span>{" "}
          <Link to={profile} className="post-handle">
            @{author.username}
          </Link>{" "}
          ·{" "}
          <time dateTime={new Date(post.createdAt).toISOString()}>
            {formatDate(post.createdAt)}
          </time>
        </span>
      </div>
      {post.hiddenAt && (
        <p className="flag">
          Hidden by moderation{post.hiddenReason ? `: ${post.hiddenReason}` : ""}. Only its author
          and admins can see it.
        </p>
      )}
    </>
  );
}
