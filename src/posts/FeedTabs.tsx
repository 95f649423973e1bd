import { Link } from "react-router";
import "./discovery.css";

export type FeedTab = { key: string; label: string; to: string };

/**
 * Tabs as links (not ARIA tabs): each is a URL, so a tab can be shared, bookmarked and reached
 * with the back button; aria-current marks the one shown.
 */
export function FeedTabs({
  tabs,
  active,
  label,
}: {
  tabs: FeedTab[];
  active: string;
  label: string;
}) {
  return (
    <nav aria-label={label}>
      <ul className="feed-tabs">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              to={tab.to}
              className="feed-tab"
              aria-current={tab.key === active ? "page" : undefined}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
