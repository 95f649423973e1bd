import { Link } from "react-router";
import type { PostView } from "./posts.schemas";
import { PostMeta } from "./PostMeta";
import "./posts.css";

export function PostList({ posts, empty }: { posts: PostView[]; empty?: string }) {
  if (posts.length === 0) {
    return <p className="card muted">{empty ?? "No posts yet. Be the first to write one."}</p>;
  }
  return (
    <ol className="post-list">
      {posts.map((post) => (
        <li key={post.id}>
          <article className={post.hiddenAt ? "card post is-hidden" : "card post"}>
            <h3>
              <Link to={`/posts/${post.id}`} className="post-title">
                {post.title}
              </Link>
            </h3>
            <PostMeta post={post} />
            <p className="post-content">{post.content}</p>
          </article>
        </li>
      ))}
    </ol>
  );
}
