import { useAuth } from "wasp/client/auth";
import { Link } from "react-router";
import { PostForm } from "./PostForm";
import { PostFeed } from "./PostFeed";

export function FeedPage() {
  const { data: user } = useAuth();
  return (
    <div className="stack">
      <h1>Latest posts</h1>
      {user ? (
        <PostForm />
      ) : (
        <section className="card">
          <p>
            <Link to="/signup">Sign up</Link> or <Link to="/login">log in</Link> to write a post.
          </p>
        </section>
      )}
      <PostFeed />
    </div>
  );
}
