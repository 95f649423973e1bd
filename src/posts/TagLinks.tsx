import { Link } from "react-router";

/** A post's tags, each a link to the feed of that tag (/?tag=…); nothing when it has none. */
export function TagLinks({ tags, className }: { tags: readonly string[]; className: string }) {
  if (tags.length === 0) return null;
  return (
    <ul className={className} aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          <Link to={`/?tag=${encodeURIComponent(tag)}`} className="tag">
            #{tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}
