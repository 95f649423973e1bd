import { Link } from "react-router";
import { excerpt } from "../markdown/excerpt";
import { TagLinks } from "./TagLinks";
import type { PostView } from "./posts.schemas";
import { PostMeta } from "./PostMeta";
import "./posts.css";

/** How much of a body a card shows when the post has no description. */
const EXCERPT_CHARS = 200;

const favouritesLabel = (count: number) => `${count} ${count === 1 ? "favourite" : "favourites"}`;

/** Feed cards: never the full body, only the description or a plain-text excerpt of it. */
export function PostList({ posts, empty }: { posts: PostView[]; empty?: string }) {
  if (posts.length === 0) {
    return <p className="card muted">{empty ?? "No posts yet. Be the first to write one."}</p>;
  }
  return (
    <ol className="post-list">
      {posts.map((post) => (
        <li key={post.id}>
          <article className={post.hiddenAt ? "card post is-hidden" : "card post"}>
            <h2 className="post-heading">
              <Link to={`/posts/${post.id}`} className="post-title">
                {post.title}
              </Link>
            </h2>
            <PostMeta post={post} />
            <p className="post-summary">
              {post.description || excerpt(post.content, EXCERPT_CHARS)}
            </p>
            <div className="post-footer">
              <TagLinks tags={post.tags} className="tag-list" />
              {/* A span may not carry aria-label: the words are hidden text, the heart is not read. */}
              <span className="favourites muted">
                <span aria-hidden="true">♥ {post.favoritesCount}</span>
                <span className="visually-hidden">{favouritesLabel(post.favoritesCount)}</span>
              </span>
            </div>
          </article>
        </li>
      ))}
    </ol>
  );
}
