import type { ReactNode } from "react";
import { Link } from "react-router";
import { Avatar } from "../client/components/Avatar";
import { formatDate } from "../client/format";
import { readingMinutes } from "../markdown/excerpt";
import { TagLinks } from "../posts/TagLinks";
import type { PostView } from "../posts/posts.schemas";

/**
 * A post's title, lede, byline and tags. The post page renders it, and so does the server for
 * the page's first paint (src/reading/serverPage.tsx): one description of the article's top.
 * `action` is what the byline offers the reader (the follow button; on the server, what a
 * signed-out reader gets).
 */
export function PostHeader({ post, action }: { post: PostView; action?: ReactNode }) {
  return (
    <header className="post-header">
      <h1 className="post-title-main">{post.title}</h1>
      {post.description && <p className="post-lede">{post.description}</p>}
      <div className="byline">
        <Avatar name={post.author.name} image={post.author.image} />
        <div className="byline-text">
          <p className="byline-name">
            <Link to={`/@${post.author.username}`}>{post.author.name}</Link>{" "}
            <span className="muted">@{post.author.username}</span>
          </p>
          <p className="muted byline-date">
            <time dateTime={new Date(post.createdAt).toISOString()}>
              {formatDate(post.createdAt)}
            </time>{" "}
            · <span className="reading-time">{readingMinutes(post.content)} min read</span>
          </p>
        </div>
        {action}
      </div>
      <TagLinks tags={post.tags} className="post-tags" />
    </header>
  );
}
