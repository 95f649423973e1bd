import { Link } from "react-router";
import { getTags, useQuery } from "wasp/client/operations";
import "./discovery.css";

/** How many of the most used tags the cloud shows. */
const CLOUD_SIZE = 20;

/** The most used tags (the server lists them most used first), each opening its tag feed. */
export function TagCloud() {
  const tags = useQuery(getTags, {});
  const list = tags.data?.tags.slice(0, CLOUD_SIZE) ?? [];
  return (
    <aside className="card tag-cloud" aria-labelledby="tag-cloud-title">
      <h2 id="tag-cloud-title">Popular tags</h2>
      {tags.isLoading ? (
        <p className="muted">Loading tags…</p>
      ) : tags.error ? (
        <p className="muted">Tags are unavailable right now.</p>
      ) : list.length === 0 ? (
        <p className="muted">No tags yet.</p>
      ) : (
        <ul className="tag-list">
          {list.map((tag) => (
            <li key={tag}>
              <Link to={`/?tag=${encodeURIComponent(tag)}`} className="tag">
                #{tag}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
