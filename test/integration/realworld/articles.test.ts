import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { beforeAll, describe, expect, test } from "vitest";
import { rowsFor } from "../../audit";
import { http } from "../../http";
import { idOf, moderator, rw, rwArticle, rwUser, type RealWorldUser } from "../../realworld";

// Articles (Inkwell's posts) through the RealWorld door: envelopes, lists by offset with their
// totals, the feed of followed authors, favourites, ownership, and moderation's reach.

const ARTICLE_KEYS = [
  "author",
  "body",
  "createdAt",
  "description",
  "favorited",
  "favoritesCount",
  "slug",
  "tagList",
  "title",
  "updatedAt",
];
const PROFILE_KEYS = ["bio", "following", "image", "username"];
const tagOf = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

let mod: Awaited<ReturnType<typeof moderator>>;
beforeAll(async () => {
  mod = await moderator();
});

const list = (query: string, token?: string) => rw("GET", `/articles?${query}`, { token });
const put = (token: string, slug: string, article: object) =>
  rw("PUT", `/articles/${slug}`, { token, body: { article } });

describe("POST /api/articles and GET /api/articles/:slug", () => {
  test("When an article is published, then 201 with exactly the spec's article, tags normalised in the writer's order", async () => {
    const author = await rwUser("writer");
    const response = await rw("POST", "/articles", {
      token: author.token,
      body: {
        article: {
          title: "How to train your dragon",
          description: "Ever wonder how?",
          body: "You have to believe",
          tagList: ["Dragons", "training", "dragons"],
        },
      },
    });
    expect(response.status).toBe(201);
    const { article } = response.body;
    expect(Object.keys(article).sort()).toEqual(ARTICLE_KEYS);
    expect(Object.keys(article.author).sort()).toEqual(PROFILE_KEYS);
    expect(article).toMatchObject({
      title: "How to train your dragon",
      slug: expect.stringMatching(/^how-to-train-your-dragon/),
      description: "Ever wonder how?",
      body: "You have to believe",
      tagList: ["dragons", "training"],
      favorited: false,
      favoritesCount: 0,
      author: { username: author.username, bio: null, image: null, following: false },
    });
    expect(article.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const read = await rw("GET", `/articles/${article.slug}`);
    expect(read.status).toBe(200);
    expect(read.body.article).toEqual(article);
  });

  test("When title, description or body is missing or blank, then 422 can't be blank for each, in RealWorld's names", async () => {
    const author = await rwUser("blanks");
    const response = await rw("POST", "/articles", {
      token: author.token,
      body: { article: { title: " ", description: "", tagList: ["x"] } },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      errors: {
        title: ["can't be blank"],
        description: ["can't be blank"],
        body: ["can't be blank"],
      },
    });
    const noEnvelope = await rw("POST", "/articles", {
      token: author.token,
      body: { title: "t", description: "d", body: "b" },
    });
    expect(noEnvelope.body).toEqual({ errors: { article: ["can't be blank"] } });
    const notObject = await rw("POST", "/articles", { token: author.token, body: { article: [] } });
    expect(notObject.body).toEqual({ errors: { article: ["must be an object"] } });
    expect(await prisma.post.count({ where: { authorId: await idOf(author) } })).toBe(0);
  });

  test("When a value is invalid, then 422 names the RealWorld field with the service's message", async () => {
    const author = await rwUser("invalid");
    const base = { title: "Fine", description: "Fine" };
    const cases: [object, Record<string, string[]>][] = [
      [
        { ...base, body: "x".repeat(20_001) },
        { body: ["Content must be at most 20000 characters"] },
      ],
      [{ ...base, body: "b", tagList: "dragons" }, { tagList: ["Tags must be a list of strings"] }],
      [{ ...base, body: "b", tagList: ["ok", ""] }, { tagList: ["A tag cannot be blank"] }],
      [
        { ...base, title: "t".repeat(201), body: "b" },
        { title: ["Title must be at most 200 characters"] },
      ],
    ];
    for (const [article, errors] of cases) {
      const response = await rw("POST", "/articles", { token: author.token, body: { article } });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual(errors);
    }
  });

  test("When two articles share a title, then each gets its own slug", async () => {
    const author = await rwUser("twins");
    const title = `Same title ${randomUUID().slice(0, 6)}`;
    const [a, b] = await Promise.all([rwArticle(author, { title }), rwArticle(author, { title })]);
    expect(a.slug).not.toBe(b.slug);
  });

  test("When a slug is unknown (or cannot be one), then 404 article not found", async () => {
    for (const slug of ["no-such-article-anywhere", "%00", "x".repeat(300)]) {
      const response = await rw("GET", `/articles/${slug}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ errors: { article: ["not found"] } });
    }
  });

  test("When publishing without a token, then 401 token is missing and nothing is stored", async () => {
    const title = `Anonymous ${randomUUID()}`;
    const response = await rw("POST", "/articles", {
      body: { article: { title, description: "d", body: "b" } },
    });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ errors: { token: ["is missing"] } });
    expect(await prisma.post.count({ where: { title } })).toBe(0);
  });
});

describe("PUT and DELETE /api/articles/:slug", () => {
  test("When only the body changes, then title, slug, tags and createdAt stay and updatedAt moves", async () => {
    const author = await rwUser("editor");
    const created = await rwArticle(author, { tagList: ["keep", "these"] });
    const before = (await rw("GET", `/articles/${created.slug}`)).body.article;
    const response = await put(author.token, created.slug, { body: "Rewritten" });
    expect(response.status).toBe(200);
    expect(response.body.article).toMatchObject({
      slug: created.slug,
      title: before.title,
      body: "Rewritten",
      tagList: ["keep", "these"],
      createdAt: before.createdAt,
    });
    expect(response.body.article.updatedAt).not.toBe(before.updatedAt);
  });

  test("When the whole article is sent back with new tags, then unknown fields are ignored; [] clears the tags, null is refused", async () => {
    const author = await rwUser("whole");
    const created = await rwArticle(author, { tagList: ["old"] });
    const whole = (await rw("GET", `/articles/${created.slug}`)).body.article;
    const replaced = await put(author.token, created.slug, {
      ...whole,
      tagList: ["new", "tags"],
      favoritesCount: 999,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.article).toMatchObject({ tagList: ["new", "tags"], favoritesCount: 0 });
    const cleared = await put(author.token, created.slug, { tagList: [] });
    expect(cleared.body.article.tagList).toEqual([]);
    const refused = await put(author.token, created.slug, { tagList: null });
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.errors)).toEqual(["tagList"]);
    const empty = await put(author.token, created.slug, {});
    expect(empty.status).toBe(422);
    expect(Object.keys(empty.body.errors)).toEqual(["article"]);
  });

  test("When the title changes, then the slug follows it and the old slug still finds the article", async () => {
    const author = await rwUser("renamer");
    const created = await rwArticle(author, { title: "First name" });
    const response = await put(author.token, created.slug, { title: "Second name" });
    expect(response.body.article.slug).toMatch(/^second-name/);
    const byOld = await rw("GET", `/articles/${created.slug}`);
    expect(byOld.status).toBe(200);
    expect(byOld.body.article.slug).toBe(response.body.article.slug);
  });

  test("When someone else edits or deletes an article, then 403 article forbidden and it is unchanged", async () => {
    const author = await rwUser("owner");
    const other = await rwUser("intruder");
    const created = await rwArticle(author, { body: "Original" });
    const edit = await put(other.token, created.slug, { body: "hijacked" });
    expect(edit.status).toBe(403);
    expect(edit.body).toEqual({ errors: { article: ["forbidden"] } });
    const remove = await rw("DELETE", `/articles/${created.slug}`, { token: other.token });
    expect(remove.status).toBe(403);
    expect(remove.body).toEqual({ errors: { article: ["forbidden"] } });
    expect((await rw("GET", `/articles/${created.slug}`)).body.article.body).toBe("Original");
  });

  test("When an admin edits and deletes someone's article, then it works and the deletion is audited", async () => {
    const author = await rwUser("moderated");
    const admin = await rwUser("rwadmin");
    await prisma.user.update({ where: { id: await idOf(admin) }, data: { role: "ADMIN" } });
    const created = await rwArticle(author);
    expect((await put(admin.token, created.slug, { body: "Edited by an admin" })).status).toBe(200);
    const removed = await rw("DELETE", `/articles/${created.slug}`, { token: admin.token });
    expect(removed.status).toBe(204);
    expect(
      await rowsFor({ action: "post.delete_by_admin", actorId: await idOf(admin) }),
    ).toHaveLength(1);
  });

  test("When the author deletes an article, then 204 with no body, then 404; unknown slugs 404, no token 401", async () => {
    const author = await rwUser("deleter");
    const created = await rwArticle(author);
    const removed = await rw("DELETE", `/articles/${created.slug}`, { token: author.token });
    expect(removed.status).toBe(204);
    expect(removed.body).toBeNull();
    expect((await rw("GET", `/articles/${created.slug}`)).status).toBe(404);
    const again = await rw("DELETE", `/articles/${created.slug}`, { token: author.token });
    expect(again.body).toEqual({ errors: { article: ["not found"] } });
    const anonymous = await rw("DELETE", "/articles/whatever");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ errors: { token: ["is missing"] } });
  });
});

describe("GET /api/articles", () => {
  let author: RealWorldUser;
  let tag: string;
  let slugs: string[];
  beforeAll(async () => {
    author = await rwUser("lister");
    tag = tagOf("listed");
    slugs = [];
    for (let i = 0; i < 3; i++) {
      slugs.push((await rwArticle(author, { title: `Listed ${i}`, tagList: [tag] })).slug);
    }
  });

  test("When articles are listed, then each comes without its body, newest first, with the total matching the filter", async () => {
    const response = await list(`author=${author.username}`);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(["articles", "articlesCount"]);
    expect(response.body.articlesCount).toBe(3);
    expect(response.body.articles.map((a: { slug: string }) => a.slug)).toEqual(
      [...slugs].reverse(),
    );
    for (const article of response.body.articles) {
      expect(Object.keys(article).sort()).toEqual(ARTICLE_KEYS.filter((key) => key !== "body"));
    }
    const everything = await list("");
    expect(everything.body.articlesCount).toBeGreaterThanOrEqual(3);
    expect(everything.body.articles.length).toBeLessThanOrEqual(20);
  });

  test("When limit and offset are given, then they cut the page and the total stays the total", async () => {
    const first = await list(`tag=${tag}&limit=2`);
    expect(first.body.articles).toHaveLength(2);
    expect(first.body.articlesCount).toBe(3);
    const rest = await list(`tag=${tag}&limit=2&offset=2`);
    expect(rest.body.articles.map((a: { slug: string }) => a.slug)).toEqual([slugs[0]]);
    expect(rest.body.articlesCount).toBe(3);
    const beyond = await list(`tag=${tag}&offset=10`);
    expect(beyond.body).toEqual({ articles: [], articlesCount: 3 });
  });

  test("When limit or offset is out of range or not a number, then 422 names it", async () => {
    for (const [query, field] of [
      ["limit=101", "limit"],
      ["limit=0", "limit"],
      ["limit=ten", "limit"],
      ["offset=-1", "offset"],
      ["offset=1.5", "offset"],
      // Deeper than any reader pages by hand: every skipped row would be read and discarded.
      ["offset=10001", "offset"],
    ]) {
      const response = await list(query!);
      expect(response.status, query).toBe(422);
      expect(Object.keys(response.body.errors)).toEqual([field]);
    }
  });

  test("When filtered by a tag in another case, by an unknown author or by who favourited, then the filters apply", async () => {
    expect((await list(`tag=${tag.toUpperCase()}`)).body.articlesCount).toBe(3);
    expect((await list("author=nobody_by_that_name")).body).toEqual({
      articles: [],
      articlesCount: 0,
    });
    const fan = await rwUser("fan");
    await rw("POST", `/articles/${slugs[1]}/favorite`, { token: fan.token });
    const liked = await list(`favorited=${fan.username}`);
    expect(liked.body.articlesCount).toBe(1);
    expect(liked.body.articles[0]).toMatchObject({ slug: slugs[1], favoritesCount: 1 });
    expect(liked.body.articles[0].favorited).toBe(false);
    const asFan = await list(`favorited=${fan.username}`, fan.token);
    expect(asFan.body.articles[0].favorited).toBe(true);
  });
});

describe("GET /api/articles/feed", () => {
  test("When the reader follows an author, then the feed holds exactly that author's articles, paged, and following is true", async () => {
    const reader = await rwUser("reader");
    const followed = await rwUser("followed");
    const stranger = await rwUser("stranger");
    const empty = await rw("GET", "/articles/feed", { token: reader.token });
    expect(empty.body).toEqual({ articles: [], articlesCount: 0 });
    await rw("POST", `/profiles/${followed.username}/follow`, { token: reader.token });
    const older = await rwArticle(followed);
    const newer = await rwArticle(followed);
    await rwArticle(stranger);
    const feed = await rw("GET", "/articles/feed", { token: reader.token });
    expect(feed.body.articlesCount).toBe(2);
    expect(feed.body.articles.map((a: { slug: string }) => a.slug)).toEqual([
      newer.slug,
      older.slug,
    ]);
    expect(feed.body.articles[0].author).toMatchObject({
      username: followed.username,
      following: true,
    });
    expect(feed.body.articles[0].body).toBeUndefined();
    const second = await rw("GET", "/articles/feed?limit=1&offset=1", { token: reader.token });
    expect(second.body.articles.map((a: { slug: string }) => a.slug)).toEqual([older.slug]);
    expect(second.body.articlesCount).toBe(2);
  });

  test("When the feed is asked for without a token, then 401 token is missing", async () => {
    const response = await rw("GET", "/articles/feed");
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ errors: { token: ["is missing"] } });
  });
});

describe("favourites", () => {
  test("When an article is favourited twice and unfavourited twice, then each answer is the article with the right flag and count", async () => {
    const author = await rwUser("favourited");
    const fan = await rwUser("fan");
    const { slug } = await rwArticle(author);
    for (let i = 0; i < 2; i++) {
      const response = await rw("POST", `/articles/${slug}/favorite`, { token: fan.token });
      expect(response.status).toBe(200);
      expect(Object.keys(response.body.article).sort()).toEqual(ARTICLE_KEYS);
      expect(response.body.article).toMatchObject({ slug, favorited: true, favoritesCount: 1 });
    }
    const seenByAuthor = await rw("GET", `/articles/${slug}`, { token: author.token });
    expect(seenByAuthor.body.article).toMatchObject({ favorited: false, favoritesCount: 1 });
    for (let i = 0; i < 2; i++) {
      const response = await rw("DELETE", `/articles/${slug}/favorite`, { token: fan.token });
      expect(response.status).toBe(200);
      expect(response.body.article).toMatchObject({ favorited: false, favoritesCount: 0 });
    }
  });

  test("When many readers favourite one article at once, then the count is exact", async () => {
    const author = await rwUser("popular");
    const { slug } = await rwArticle(author);
    const fans = await Promise.all(Array.from({ length: 6 }, (_, i) => rwUser(`crowd${i}`)));
    await Promise.all(
      fans.flatMap((fan) => [
        rw("POST", `/articles/${slug}/favorite`, { token: fan.token }),
        rw("POST", `/articles/${slug}/favorite`, { token: fan.token }),
      ]),
    );
    expect((await rw("GET", `/articles/${slug}`)).body.article.favoritesCount).toBe(6);
  });

  test("When the article is unknown or no token is sent, then 404 article not found or 401", async () => {
    const fan = await rwUser("lost");
    for (const method of ["POST", "DELETE"]) {
      const unknown = await rw(method, "/articles/no-such-article-here/favorite", {
        token: fan.token,
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ errors: { article: ["not found"] } });
      const anonymous = await rw(method, "/articles/no-such-article-here/favorite");
      expect(anonymous.status).toBe(401);
    }
  });
});

describe("moderation reaches this door", () => {
  test("When moderation hides an article, then it leaves every list, others get 404, and its author and admins still read it", async () => {
    const author = await rwUser("hidden");
    const follower = await rwUser("follower");
    const tag = tagOf("hidden");
    await rw("POST", `/profiles/${author.username}/follow`, { token: follower.token });
    const { slug } = await rwArticle(author, { tagList: [tag] });
    expect((await list(`tag=${tag}`)).body.articlesCount).toBe(1);
    await mod.hide(slug);

    expect((await list(`tag=${tag}`)).body).toEqual({ articles: [], articlesCount: 0 });
    expect((await list(`author=${author.username}`)).body.articlesCount).toBe(0);
    const feed = await rw("GET", "/articles/feed", { token: follower.token });
    expect(feed.body.articlesCount).toBe(0);
    expect((await rw("GET", "/tags")).body.tags).not.toContain(tag);
    expect((await rw("GET", `/articles/${slug}`, { token: follower.token })).status).toBe(404);
    expect((await rw("GET", `/articles/${slug}/comments`)).status).toBe(404);
    const favourite = await rw("POST", `/articles/${slug}/favorite`, { token: follower.token });
    expect(favourite.status).toBe(404);
    expect((await rw("GET", `/articles/${slug}`, { token: author.token })).status).toBe(200);
    const admin = await rwUser("reviewer");
    await prisma.user.update({ where: { id: await idOf(admin) }, data: { role: "ADMIN" } });
    expect((await rw("GET", `/articles/${slug}`, { token: admin.token })).status).toBe(200);
  });

  test("When an author is banned, then their profile and articles are gone from this door and their token stops at once", async () => {
    const author = await rwUser("tobanned");
    const tag = tagOf("banned");
    const { slug } = await rwArticle(author, { tagList: [tag] });
    await mod.ban(author);
    expect((await list(`tag=${tag}`)).body.articlesCount).toBe(0);
    expect((await rw("GET", `/articles/${slug}`)).status).toBe(404);
    const profile = await rw("GET", `/profiles/${author.username}`);
    expect(profile.body).toEqual({ errors: { profile: ["not found"] } });
    const me = await rw("GET", "/user", { token: author.token });
    expect(me.status).toBe(401);
    // The other doors agree.
    const v1 = await http("GET", `/api/v1/posts?author=${author.username}`);
    expect(v1.body.items).toEqual([]);
  });
});

describe("GET /api/tags", () => {
  test("When articles carry tags, then every tag in use is listed once, normalised", async () => {
    const author = await rwUser("tagger");
    const tag = tagOf("Shown");
    await rwArticle(author, { tagList: [tag, tag.toUpperCase()] });
    const response = await rw("GET", "/tags");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(Object.keys(response.body)).toEqual(["tags"]);
    expect(response.body.tags.filter((t: string) => t === tag.toLowerCase())).toHaveLength(1);
  });
});
