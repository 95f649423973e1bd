import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router";
import MarkdownRenderer from "../markdown/MarkdownRenderer";
import { excerpt } from "../markdown/excerpt";
import type { PostView } from "../posts/posts.schemas";
import { LogInToFollow } from "../users/LogInToFollow";
import { PostHeader } from "./PostHeader";

// The post page's first paint, rendered on the server. nginx serves a post's URL as the web
// build's post-shell.html (tools/vite/postShell.ts) and fills its two server-side includes
// from here: the head's tags (title, description, link previews) and the article. The reader
// sees the post before any script has run; the app then takes over (useServerPageHandoff).
// Both come from the components the app renders, so the two paints cannot drift apart. The
// server renders what a signed-out reader sees (it does not know the reader).

export type ServerPage = { head: string; article: string };

/** The page of a post anyone may see, for the site at `siteUrl`. */
export function renderPostPage(post: PostView, siteUrl: string): ServerPage {
  return { head: renderHead(post, siteUrl), article: renderArticle(post) };
}

function renderArticle(post: PostView) {
  return renderToStaticMarkup(
    <StaticRouter location={`/posts/${post.id}`}>
      <div className="post-page">
        {/* Which version of the post this is: the app reuses the body's HTML for the same one. */}
        <article className="post-article" data-updated-at={new Date(post.updatedAt).toISOString()}>
          <PostHeader post={post} action={<LogInToFollow />} />
          <MarkdownRenderer source={post.content} className="post-body" />
        </article>
      </div>
    </StaticRouter>,
  );
}

function renderHead(post: PostView, siteUrl: string) {
  const url = `${siteUrl}/posts/${post.id}`;
  const description = post.description || excerpt(post.content);
  const author = post.author.username;
  // Tags in <head> are not part of the page React renders, so plain escaped strings.
  const meta = (attribute: "name" | "property", key: string, content: string) =>
    `<meta ${attribute}="${key}" content="${escapeAttribute(content)}"/>`;
  return [
    `<title>${escapeText(post.title)} · Inkwell</title>`,
    meta("name", "description", description),
    `<link rel="canonical" href="${escapeAttribute(url)}"/>`,
    `<link rel="alternate" type="application/rss+xml" title="${escapeAttribute(
      `${post.author.name} on Inkwell (RSS)`,
    )}" href="/@${escapeAttribute(author)}/feed.xml"/>`,
    meta("property", "og:type", "article"),
    meta("property", "og:site_name", "Inkwell"),
    meta("property", "og:title", post.title),
    meta("property", "og:description", description),
    meta("property", "og:url", url),
    meta("property", "article:published_time", new Date(post.createdAt).toISOString()),
    meta("property", "article:author", `${siteUrl}/@${author}`),
  ].join("");
}

const escapeText = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, "&quot;");
