import { JSDOM } from "jsdom";
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { XSS_PAYLOADS, unsafeMarkup } from "../../src/markdown/xssPayloads";
import { apiPost, apiUser, postRow } from "../factories";
import { http } from "../http";

// The post page's server-side includes (src/reading/serverPage.routes.ts), as nginx fetches
// them into post-shell.html: the post a signed-out reader may see, rendered and escaped.

const fragment = async (id: number | string, part: "head" | "article") =>
  http<string>("GET", `/_fragments/posts/${id}/${part}`);

const parsed = (html: string) => JSDOM.fragment(`<div>${html}</div>`).firstElementChild!;
const headOf = (html: string) => new JSDOM(`<head>${html}</head>`).window.document.head;

describe("GET /_fragments/posts/:id/{head,article}", () => {
  test("When a post is public, then its article is rendered from Markdown and its head names it for browsers and link previews", async () => {
    const author = await apiUser("ssr");
    const title = `Fish & "chips" <b>${randomUUID().slice(0, 6)}</b>`;
    const post = await apiPost(author, {
      title,
      description: 'A lede with <markup> & quotes"',
      content: "## Section\n\nSome **bold** and a [link](https://example.com).\n\n- one\n- two",
      tags: ["ssr-test"],
    });

    const article = await fragment(post.id, "article");
    expect(article.status).toBe(200);
    expect(article.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const root = parsed(article.body);
    expect(root.querySelector("h1.post-title-main")!.textContent).toBe(title);
    expect(root.querySelector(".post-lede")!.textContent).toBe('A lede with <markup> & quotes"');
    expect(root.querySelector(".byline-name a")!.getAttribute("href")).toBe(`/@${author.username}`);
    expect(root.querySelector(".reading-time")!.textContent).toBe("1 min read");
    expect(root.querySelector(".post-tags a")!.getAttribute("href")).toBe("/?tag=ssr-test");
    const body = root.querySelector(".markdown.post-body")!;
    expect(body.querySelector("strong")!.textContent).toBe("bold");
    expect(body.querySelectorAll("li")).toHaveLength(2);
    expect(body.querySelector("a")!.getAttribute("rel")).toBe("noopener nofollow ugc");
    // The page has one h1 (the title): the body's headings start below it, as in the app.
    expect(body.querySelector("h1")).toBeNull();

    const head = await fragment(post.id, "head");
    expect(head.status).toBe(200);
    const tags = headOf(head.body);
    expect(tags.querySelector("title")!.textContent).toBe(`${title} · Inkwell`);
    const meta = (key: string) =>
      tags.querySelector(`meta[name="${key}"], meta[property="${key}"]`)?.getAttribute("content");
    expect(meta("description")).toBe('A lede with <markup> & quotes"');
    expect(meta("og:title")).toBe(title);
    expect(meta("og:type")).toBe("article");
    expect(meta("og:url")).toBe(`http://localhost:3000/posts/${post.id}`);
    expect(tags.querySelector('link[rel="canonical"]')!.getAttribute("href")).toBe(
      `http://localhost:3000/posts/${post.id}`,
    );
    expect(tags.querySelector('link[rel="alternate"]')!.getAttribute("href")).toBe(
      `/@${author.username}/feed.xml`,
    );
    // Only these tags: nothing the title or description carried became an element.
    expect([...tags.children].map((tag) => tag.tagName)).toEqual([
      "TITLE",
      "META",
      "LINK",
      "LINK",
      ...Array<string>(7).fill("META"),
    ]);
  });

  test("When a post has no description, then the head describes it by its opening words", async () => {
    const author = await apiUser("ssr-excerpt");
    const post = await apiPost(author, { title: "No lede", content: "# Opening\n\nWords *here*." });
    const tags = headOf((await fragment(post.id, "head")).body);
    expect(tags.querySelector('meta[name="description"]')!.getAttribute("content")).toBe(
      "Opening Words here.",
    );
  });

  test("When a post's body carries the classic XSS payloads, then the rendered article holds no script, handler or script URL", async () => {
    const author = await apiUser("ssr-xss");
    const post = await apiPost(author, {
      title: "<script>window.__xss=1</script>",
      content: XSS_PAYLOADS.join("\n\n"),
    });
    const article = await fragment(post.id, "article");
    expect(article.status).toBe(200);
    expect(unsafeMarkup(parsed(article.body))).toEqual([]);
    expect(parsed(article.body).querySelector("h1")!.textContent).toBe(
      "<script>window.__xss=1</script>",
    );
    const head = await fragment(post.id, "head");
    expect(head.body).not.toContain("<script");
  });

  test("When a post is hidden, unknown or not a number, then both parts are empty 404s and the page shows the app's own answer", async () => {
    const author = await apiUser("ssr-hidden");
    const hidden = await postRow(author.id, { hidden: true });
    for (const id of [hidden.id, 2_000_000_000, "abc", "0", "-1"]) {
      for (const part of ["head", "article"] as const) {
        const response = await fragment(id, part);
        expect(response.status, `${id} ${part}`).toBe(404);
        expect(response.body || "", `${id} ${part}`).toBe("");
      }
    }
  });

  test("When a post is edited, then the next page shows the new text (no rendering outlives its post)", async () => {
    const author = await apiUser("ssr-edit");
    const post = await apiPost(author, { title: "Before", content: "Old words." });
    expect((await fragment(post.id, "article")).body).toContain("Old words.");
    const edited = await http("PUT", `/api/v1/posts/${post.id}`, {
      token: author.accessToken,
      body: { title: "After", content: "New words." },
    });
    expect(edited.status).toBe(200);
    const article = (await fragment(post.id, "article")).body;
    expect(article).toContain("New words.");
    expect(article).not.toContain("Old words.");
    expect((await fragment(post.id, "head")).body).toContain("<title>After · Inkwell</title>");
  });
});
