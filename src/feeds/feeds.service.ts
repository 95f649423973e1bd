import { Feed } from "feed";
import { listFeed, type PostDeps } from "../posts/posts.service";
import type { PostView } from "../posts/posts.schemas";
import { notFound } from "../shared/errors";
import { username as usernameSchema } from "../users/users.schemas";

// The site's and each author's syndication feeds (RSS 2.0, Atom), built from the same public
// feed page as the API's GET /posts, so hidden posts and banned authors stay out and the feed
// cache serves them.
export const FEED_SIZE = 20;
const SUMMARY_LENGTH = 200;

export type FeedFormat = "rss" | "atom";
export type FeedSource = { siteUrl: string; serverUrl: string };

export async function siteFeed(format: FeedFormat, source: FeedSource, deps: PostDeps) {
  const page = await listFeed(null, { limit: FEED_SIZE }, deps);
  const feed = new Feed({
    title: "Inkwell",
    description: "The newest posts on Inkwell",
    id: `${source.siteUrl}/`,
    link: `${source.siteUrl}/`,
    updated: newest(page.items),
    copyright: "",
    generator: "Inkwell",
    feedLinks: { rss: `${source.serverUrl}/feed.xml`, atom: `${source.serverUrl}/atom.xml` },
  });
  return render(feed, page.items, format, source);
}

/** One author's feed; 404 for an unknown handle and for a banned author (as their profile). */
export async function authorFeed(
  handle: string,
  format: FeedFormat,
  source: FeedSource,
  deps: PostDeps,
) {
  const parsed = usernameSchema.safeParse(handle);
  const author = parsed.success
    ? await deps.db.user.findUnique({
        where: { username: parsed.data },
        select: { id: true, username: true, name: true, bannedAt: true },
      })
    : null;
  if (!author || author.bannedAt) throw notFound("User");
  const page = await listFeed(null, { author: author.username, limit: FEED_SIZE }, deps);
  const feed = new Feed({
    title: `${author.name} (@${author.username}) on Inkwell`,
    description: `The newest posts by @${author.username}`,
    id: profileUrl(source, author.username),
    link: profileUrl(source, author.username),
    updated: newest(page.items),
    copyright: "",
    generator: "Inkwell",
    feedLinks: { rss: `${source.serverUrl}/@${encodeURIComponent(author.username)}/feed.xml` },
  });
  return render(feed, page.items, format, source);
}

/**
 * Text as HTML. Feed readers treat an item's description (RSS, by convention) and Atom's title
 * and summary (the library marks them type="html") as markup; a post's title and summary are
 * plain text, so a title like "<b>bold</b>" must show its brackets, not turn bold (or worse).
 */
const asHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function render(feed: Feed, posts: PostView[], format: FeedFormat, source: FeedSource) {
  for (const post of posts) {
    const link = `${source.siteUrl}/posts/${post.id}`;
    feed.addItem({
      // RSS 2.0 titles are plain text.
      title: format === "atom" ? asHtml(post.title) : post.title,
      id: link,
      guid: link,
      link,
      date: post.updatedAt,
      published: post.createdAt,
      description: asHtml(summary(post)),
      author: [
        { name: `@${post.author.username}`, link: profileUrl(source, post.author.username) },
      ],
    });
  }
  return format === "rss" ? feed.rss2() : feed.atom1();
}

// The web app's pages: PostRoute (/posts/:id) and the profile (/@username).
const profileUrl = (source: FeedSource, username: string) =>
  `${source.siteUrl}/@${encodeURIComponent(username)}`;

// A feed with no posts still needs a date: a fixed one keeps its ETag stable.
const newest = (posts: PostView[]) =>
  posts.reduce((latest, post) => (post.updatedAt > latest ? post.updatedAt : latest), new Date(0));

/** The post's description, else the start of its Markdown content as plain text. */
export function summary(post: Pick<PostView, "description" | "content">) {
  if (post.description.trim()) return post.description;
  const text = post.content
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, "")
    .replace(/[*_`~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length <= SUMMARY_LENGTH ? text : `${text.slice(0, SUMMARY_LENGTH - 1).trimEnd()}…`;
}
