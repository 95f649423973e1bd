import { Link, useParams, useSearchParams } from "react-router";
import { useAuth } from "wasp/client/auth";
import { getProfile, useQuery } from "wasp/client/operations";
import { Avatar } from "../client/components/Avatar";
import { LoadError, Loading } from "../client/components/Status";
import { statusOf } from "../client/errors";
import { usePageTitle } from "../client/usePageTitle";
import { FeedTabs } from "../posts/FeedTabs";
import { PostFeed } from "../posts/PostFeed";
import { FollowButton } from "./FollowButton";
import "./profiles.css";

/** A handle the server could accept; anything else is not a profile URL at all. */
const HANDLE = /^@([A-Za-z0-9_-]{3,32})$/;

/** /@username: who they are, a follow button, their posts and their favourites (?tab=favourites). */
export function ProfilePage() {
  const match = HANDLE.exec(useParams().handle ?? "");
  const username = match?.[1] ?? "";
  const profile = useQuery(
    getProfile,
    { username },
    // A missing profile stays missing: say so at once instead of retrying.
    {
      enabled: Boolean(match),
      retry: (count: number, error: unknown) => statusOf(error) !== 404 && count < 3,
    },
  );
  const { data: viewer } = useAuth();
  const [params] = useSearchParams();
  const favourites = params.get("tab") === "favourites";
  const data = profile.data;
  usePageTitle(data ? `${data.name} (@${data.username})` : match ? `@${username}` : "Not found");

  if (!match) return <NotFound title="Not found" />;
  if (statusOf(profile.error) === 404) return <NotFound title="User not found" />;
  if (profile.isLoading) return <Loading label="Loading the profile…" />;
  if (profile.error || !data) return <LoadError error={profile.error} what="the profile" />;

  const own = viewer?.id === data.id;
  const base = `/@${data.username}`;
  const feedUrl = `${base}/feed.xml`;
  return (
    <div className="stack">
      <link
        rel="alternate"
        type="application/rss+xml"
        href={feedUrl}
        title={`Posts by ${data.name} (@${data.username})`}
      />
      <section className="card profile">
        <Avatar name={data.name} image={data.image} size="large" />
        <div className="stack profile-body">
          <div>
            <h1>{data.name}</h1>
            <p className="muted">@{data.username}</p>
          </div>
          {data.bio && <p className="profile-bio">{data.bio}</p>}
          <div className="actions">
            {own ? (
              <Link to="/settings" className="button secondary">
                Edit profile
              </Link>
            ) : (
              <FollowButton username={data.username} following={data.following} />
            )}
            <a href={feedUrl} className="rss-link">
              RSS
            </a>
          </div>
        </div>
      </section>
      <FeedTabs
        label={`${data.name}'s lists`}
        active={favourites ? "favourites" : "posts"}
        tabs={[
          { key: "posts", label: "Posts", to: base },
          { key: "favourites", label: "Favourites", to: `${base}?tab=favourites` },
        ]}
      />
      {favourites ? (
        <PostFeed
          key="favourites"
          filter={{ favoritedBy: data.username }}
          label={`Favourites of ${data.name}`}
          empty="No favourites yet."
        />
      ) : (
        <PostFeed
          key="posts"
          filter={{ author: data.username }}
          label={`Posts by ${data.name}`}
          empty="No posts here yet."
        />
      )}
    </div>
  );
}

function NotFound({ title }: { title: string }) {
  return (
    <section className="card">
      <h1>{title}</h1>
      <p>
        <Link to="/">Back to the latest posts</Link>
      </p>
    </section>
  );
}
