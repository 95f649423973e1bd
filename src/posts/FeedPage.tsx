import { Link, useSearchParams } from "react-router";
import { useAuth } from "wasp/client/auth";
import { usePageTitle } from "../client/usePageTitle";
import { FeedTabs, type FeedTab } from "./FeedTabs";
import { PostFeed } from "./PostFeed";
import { TagCloud } from "./TagCloud";
import "./discovery.css";

/** The home page: everyone's posts, the people I follow (?feed=following), or a tag (?tag=x). */
export function FeedPage() {
  usePageTitle("Latest posts");
  const { data: user, isLoading } = useAuth();
  const [params] = useSearchParams();
  const tag = params.get("tag")?.trim() || null;
  const wantsFollowing = params.get("feed") === "following";
  const following = wantsFollowing && Boolean(user);

  const tabs: FeedTab[] = [{ key: "everyone", label: "Everyone", to: "/" }];
  if (user) tabs.push({ key: "following", label: "Following", to: "/?feed=following" });
  if (tag) tabs.push({ key: "tag", label: `#${tag}`, to: `/?tag=${encodeURIComponent(tag)}` });
  const active = tag ? "tag" : following ? "following" : "everyone";

  return (
    <div className="feed-layout">
      <div className="stack feed-main">
        <h1>Latest posts</h1>
        {/* One card for every state: the line about the site is prerendered (the home page's
            HTML paints it before any script runs); the actions' row keeps its height while the
            session loads, so nothing below moves when they appear. */}
        <section className="card feed-intro" aria-busy={isLoading}>
          <p className="feed-lede">
            Long-form writing from people worth following: read, discuss, and write your own.
          </p>
          <p className="feed-actions">
            {isLoading ? null : user ? (
              <Link to="/editor" className="button">
                Write a post
              </Link>
            ) : (
              <span>
                <Link to="/signup">Sign up</Link> or <Link to="/login">log in</Link> to write a post
                and follow people.
              </span>
            )}
          </p>
        </section>
        <FeedTabs tabs={tabs} active={active} label="Feeds" />
        {tag ? (
          <PostFeed
            key={`tag:${tag}`}
            filter={{ tag }}
            label={`Posts tagged ${tag}`}
            empty={`No posts tagged #${tag} yet.`}
          />
        ) : wantsFollowing && !isLoading && !user ? (
          <p className="card">
            <Link to="/login">Log in</Link> to see posts from the people you follow.
          </p>
        ) : following ? (
          <PostFeed
            key="following"
            following
            label="Posts by people you follow"
            empty="Follow people to see their posts here."
          />
        ) : (
          <PostFeed key="everyone" label="Feed" />
        )}
      </div>
      <TagCloud />
    </div>
  );
}
