import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { apiPost, apiUser } from "../../factories";
import { http } from "../../http";

// GET /api/v1/search: PostgreSQL full-text search (english configuration) over visible posts.
// Each test searches for a word of its own, so no other test's posts can match.

/** A word no other post contains (the english parser keeps letters-and-digits words whole). */
const marker = () => `mark${randomUUID().replace(/-/g, "").slice(0, 10)}`;
const search = (query: string) => http("GET", `/api/v1/search?${query}`);
const find = (q: string) => search(`q=${encodeURIComponent(q)}`);
const titles = (body: { items: { title: string }[] }) => body.items.map((post) => post.title);

describe("search", () => {
  test("When a word is in a title, a description and a body, then all three are found, the title first", async () => {
    const author = await apiUser("searcher");
    const word = marker();
    await apiPost(author, { title: "In the body", content: `Somewhere ${word} lives` });
    await apiPost(author, { title: "In the description", description: word, content: "c" });
    await apiPost(author, { title: `The ${word} title`, content: "c" });

    const found = await find(word);
    expect(found.status).toBe(200);
    expect(titles(found.body)).toEqual([`The ${word} title`, "In the description", "In the body"]);
    expect(found.body.nextOffset).toBeNull();
    expect(found.body.items[0].author.username).toBe(author.username);
  });

  test("When a query uses another form of a word, then stemming finds it; a quoted phrase keeps its order", async () => {
    const author = await apiUser("stemmer");
    const word = marker();
    await apiPost(author, { title: "Bestiary", content: `${word}: the red dragons were flying` });

    expect(titles((await find(`${word} dragon flies`)).body)).toEqual(["Bestiary"]);
    expect(titles((await find(`${word} "red dragon"`)).body)).toEqual(["Bestiary"]);
    expect(titles((await find(`${word} "dragon red"`)).body)).toEqual([]);
    expect(titles((await find(`${word} -dragons`)).body)).toEqual([]);
  });

  test("When a post is hidden or its author banned, then search never finds it", async () => {
    const author = await apiUser("visible");
    const banned = await apiUser("banned-writer");
    const word = marker();
    await apiPost(author, { title: "Visible", content: word });
    const hidden = await apiPost(author, { title: "Hidden", content: word });
    await apiPost(banned, { title: "Banned", content: word });
    await prisma.post.update({
      where: { id: hidden.id },
      data: { hiddenAt: new Date(), hiddenReason: "spam" },
    });
    await prisma.user.update({ where: { id: banned.id }, data: { bannedAt: new Date() } });

    expect(titles((await find(word)).body)).toEqual(["Visible"]);
    // The author's own token does not reveal their hidden post here either.
    const own = await http("GET", `/api/v1/search?q=${word}`, { token: author.accessToken });
    expect(titles(own.body)).toEqual(["Visible"]);
  });

  test("When a query has only stop words or punctuation, then an empty list, not an error", async () => {
    for (const q of ["the of and", "!!! ... ???", '"', "-", "or", "&|!():*"]) {
      const found = await find(q);
      expect(found.status, q).toBe(200);
      expect(found.body, q).toEqual({ items: [], nextOffset: null });
    }
  });

  test("When there are more matches than the limit, then pages follow nextOffset to the end", async () => {
    const author = await apiUser("pager");
    const word = marker();
    for (const n of [1, 2, 3]) await apiPost(author, { title: `Page ${n}`, content: word });

    const first = await search(`q=${word}&limit=2`);
    expect(titles(first.body)).toEqual(["Page 3", "Page 2"]);
    expect(first.body.nextOffset).toBe(2);
    const second = await search(`q=${word}&limit=2&offset=2`);
    expect(titles(second.body)).toEqual(["Page 1"]);
    expect(second.body.nextOffset).toBeNull();
  });

  test("When q is missing, blank or too long, or paging is out of bounds, then 400 names the field", async () => {
    const cases: [string, string, RegExp][] = [
      ["", "q", /required/],
      ["q=%20%20", "q", /required/],
      [`q=${"a".repeat(201)}`, "q", /at most 200/],
      ["q=a%00b", "q", /NUL/],
      ["q=a&limit=51", "limit", /at most 50/],
      ["q=a&limit=0", "limit", /at least 1/],
      ["q=a&offset=1001", "offset", /at most 1000/],
      ["q=a&offset=-1", "offset", /negative/],
      ["q=a&cursor=x", "(root)", /./],
    ];
    for (const [query, field, message] of cases) {
      const response = await search(query);
      expect(response.status, query).toBe(400);
      expect(response.body.errors[0].field, query).toBe(field);
      expect(response.body.errors[0].message, query).toMatch(message);
    }
  });
});
