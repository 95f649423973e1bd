import { randomUUID } from "node:crypto";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, test } from "vitest";
import { apiPost, apiUser, ban, webAdmin } from "../factories";
import { http, operation } from "../http";

// The RSS and Atom feeds (src/feeds) as a feed reader gets them: well-formed XML whose text
// survives any title, with only what the public may see.

const xml = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => name === "item" || name === "entry",
});

type RssItem = {
  title: string;
  link: string;
  guid: { "#text": string };
  author: string;
  description: string;
};
type AtomEntry = { title: { "#text": string }; id: string; author: { name: string } };

async function rss(path: string) {
  const response = await http<string>("GET", path);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
  const channel = xml.parse(response.body).rss.channel;
  return { response, channel, items: (channel.item ?? []) as RssItem[] };
}

async function hidePost(postId: number) {
  const admin = await webAdmin("feed-mod");
  const hidden = await operation("hide-post", { postId, reason: "test hide" }, admin.sessionId);
  expect(hidden.status).toBe(200);
}

const marker = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

const asHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

describe("GET /feed.xml, /atom.xml, /@:username/feed.xml", () => {
  test("When a post's title has markup, quotes, emoji and a CDATA end, then both feeds give it back exactly", async () => {
    const author = await apiUser("feed-xml");
    const title = `${marker('<b>Fish & "chips"')} 'n' 🐟 ]]> done`;
    const post = await apiPost(author, { title, content: "# Hello\n\nSome **bold** words." });
    const { channel, items } = await rss("/feed.xml");
    expect(channel.title).toBe("Inkwell");
    const item = items.find((i) => i.title === title);
    expect(item).toBeDefined();
    expect(item!.link).toBe(`http://localhost:3000/posts/${post.id}`);
    expect(item!.guid["#text"]).toBe(item!.link);
    expect(item!).toMatchObject({ description: "Hello Some bold words." });
    expect(item!.author).toBe(`@${author.username}`);

    const atom = await http<string>("GET", "/atom.xml");
    expect(atom.status).toBe(200);
    expect(atom.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const entries = xml.parse(atom.body).feed.entry as AtomEntry[];
    // Atom's title is type="html": the markup arrives escaped, so a reader shows the brackets.
    const entry = entries.find((e) => e.title["#text"] === asHtml(title));
    expect(entry).toMatchObject({ id: item!.link, author: { name: `@${author.username}` } });
  });

  test("When a description has markup, then feeds carry it as text a reader shows literally", async () => {
    const author = await apiUser("feed-desc");
    const title = marker("described");
    await apiPost(author, {
      title,
      content: "x",
      description: `<img src=x onerror=alert(1)> & co`,
    });
    const { items } = await rss("/feed.xml");
    const item = items.find((i) => i.title === title);
    expect(item?.description).toBe("&lt;img src=x onerror=alert(1)&gt; &amp; co");
  });

  test("When a post is hidden or its author banned, then no feed lists it", async () => {
    const author = await apiUser("feed-hidden");
    const banned = await apiUser("feed-banned");
    const hiddenTitle = marker("hidden");
    const hidden = await apiPost(author, { title: hiddenTitle, content: "x" });
    await hidePost(hidden.id);
    const bannedTitle = marker("banned");
    await apiPost(banned, { title: bannedTitle, content: "x" });
    await ban(await webAdmin("feed-ban"), banned.id);
    const shownTitle = marker("shown");
    await apiPost(author, { title: shownTitle, content: "x" });

    const site = (await rss("/feed.xml")).items.map((i) => i.title);
    expect(site).toContain(shownTitle);
    expect(site).not.toContain(bannedTitle);
    expect(site).not.toContain(hiddenTitle);
    const own = (await rss(`/@${author.username}/feed.xml`)).items.map((i) => i.title);
    expect(own).toEqual([shownTitle]);
    const gone = await http<string>("GET", `/@${banned.username}/feed.xml`);
    expect(gone.status).toBe(404);
  });

  test("When an author's feed is read, then it lists only that author's posts, newest first", async () => {
    const author = await apiUser("feed-own");
    const other = await apiUser("feed-other");
    const first = marker("first");
    const second = marker("second");
    await apiPost(author, { title: first, content: "x", description: "The first one" });
    await apiPost(other, { title: marker("other"), content: "x" });
    await apiPost(author, { title: second, content: "x" });
    const { channel, items } = await rss(`/@${author.username.toUpperCase()}/feed.xml`);
    expect(channel.title).toContain(`@${author.username}`);
    // The channel links the author's profile page, named by handle as typed at sign-up.
    expect(channel.link).toBe(`http://localhost:3000/@${author.username}`);
    expect(items.map((i) => i.title)).toEqual([second, first]);
    expect(items.map((i) => i.author)).toEqual([`@${author.username}`, `@${author.username}`]);
    expect(items[1]).toMatchObject({ description: "The first one" });
  });

  test("When the author is unknown, then 404 in plain text", async () => {
    for (const handle of ["nobody_" + randomUUID().slice(0, 8), "no%20such", "x"]) {
      const response = await http<string>("GET", `/@${handle}/feed.xml`);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(response.body).not.toMatch(/<|at /);
    }
  });

  test("When the client already has the feed, then 304 on its ETag, and 200 once it changed", async () => {
    const author = await apiUser("feed-etag");
    await apiPost(author, { title: marker("etag"), content: "x" });
    const path = `/@${author.username}/feed.xml`;
    const { response } = await rss(path);
    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect(response.headers.get("cache-control")).toContain("max-age=300");
    const again = await http("GET", path, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect((await http("GET", "/feed.xml", { headers: { "if-none-match": etag } })).status).toBe(
      200,
    );
    await apiPost(author, { title: marker("newer"), content: "x" });
    const changed = await http("GET", path, { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });
});
