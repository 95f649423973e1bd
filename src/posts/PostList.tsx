import type { PostView } from "./posts.schemas";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function PostList({ posts }: { posts: PostView[] }) {
  if (posts.length === 0) {
    return <p className="card muted">No posts yet. Be the first to write one.</p>;
  }
  return (
    <ol className="post-list">
      {posts.map((post) => (
        <li key={post.id}>
          <article className="card post">
            <h3>{post.title}</h3>
            <p className="post-meta muted">
              by {post.author.name} ·{" "}
              <time dateTime={new Date(post.createdAt).toISOString()}>
                {dateFormat.format(new Date(post.createdAt))}
              </time>
            </p>
            <p className="post-content">{post.content}</p>
          </article>
        </li>
      ))}
    </ol>
  );
}
