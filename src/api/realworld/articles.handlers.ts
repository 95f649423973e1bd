import type { Request } from "express";
import { favoritePost, unfavoritePost } from "../../posts/favorites.service";
import { flagTemplate, perPage, renderFlags } from "../../posts/flagTemplate";
import * as posts from "../../posts/posts.service";
import type { FeedPageWithTotal } from "../../posts/posts.service";
import { offsetQuery } from "../../shared/schemas";
import { parseInput } from "../../shared/validation";
import { articlesRoutes } from "./articles.routes";
import { deps } from "./context";
import { readWith } from "../../server/replicas/readRoute";
import { handlersOf, pick, slugOf } from "./route";
import { articleOf, articleSummaryOf } from "./views";

const on = handlersOf(articlesRoutes);

// RealWorld's article fields under the posts service's names.
const ARTICLE_FIELDS = {
  title: "title",
  description: "description",
  body: "content",
  tagList: "tags",
};
const query = (req: Request) => req.query as Record<string, unknown>;

/** RealWorld lists by offset, with the total matching the filters. */
const listOptions = (req: Request) => ({
  offset: parseInput(offsetQuery, pick(query(req), { offset: "offset" })).offset,
  withTotal: true,
});
const listOf = (page: Readonly<FeedPageWithTotal>) => ({
  articles: page.items.map(articleSummaryOf),
  articlesCount: page.total ?? 0,
});

// The list's envelope is serialised once per cached page; a signed-in reader's flags are
// written into it (flagTemplate.ts), so a request neither parses nor serialises the page.
const listEnvelope = perPage((page) => {
  const parsed = posts.parsedPage(page);
  const json = JSON.stringify(listOf(parsed));
  return { body: Buffer.from(json), template: flagTemplate(json, parsed.items.length) };
});

export const listArticles = on("listArticles", async ({ req, res, viewer }) => {
  const filters = pick(query(req), {
    tag: "tag",
    author: "author",
    favorited: "favoritedBy",
    limit: "limit",
  });
  const { shared, flags } = await readWith(viewer, (reads) =>
    posts.readFeed(viewer, filters, reads, listOptions(req)),
  );
  const { body, template } = listEnvelope(shared);
  if (!flags) return void res.type("json").send(body);
  if (template) return void res.type("json").send(renderFlags(template, flags));
  res.json(listOf(posts.withFlags(posts.parsedPage(shared), flags)));
});

export const listFeed = on("listFeed", async ({ req, res, viewer }) => {
  const input = pick(query(req), { limit: "limit" });
  const page = await readWith(viewer, (reads) =>
    posts.listFollowingFeed(viewer, input, reads, listOptions(req)),
  );
  res.json(listOf(page));
});

export const createArticle = on("createArticle", async ({ res, viewer, input }) => {
  const post = await posts.createPost(viewer, pick(input, ARTICLE_FIELDS), deps());
  res.status(201).json({ article: articleOf(post) });
});

export const getArticle = on("getArticle", async ({ req, res, viewer }) => {
  const post = await readWith(viewer, (reads) => posts.getPostBySlug(viewer, slugOf(req), reads));
  res.json({ article: articleOf(post) });
});

export const updateArticle = on("updateArticle", async ({ req, res, viewer, input }) => {
  const id = await posts.postIdForSlug(viewer, slugOf(req), deps());
  const post = await posts.updatePost(viewer, id, pick(input, ARTICLE_FIELDS), deps());
  res.json({ article: articleOf(post) });
});

export const deleteArticle = on("deleteArticle", async ({ req, res, viewer }) => {
  const id = await posts.postIdForSlug(viewer, slugOf(req), deps());
  await posts.deletePost(viewer, id, deps());
  res.status(204).end();
});

export const favoriteArticle = on("favoriteArticle", async ({ req, res, viewer }) => {
  const id = await posts.postIdForSlug(viewer, slugOf(req), deps());
  res.json({ article: articleOf(await favoritePost(viewer, id, deps())) });
});

export const unfavoriteArticle = on("unfavoriteArticle", async ({ req, res, viewer }) => {
  const id = await posts.postIdForSlug(viewer, slugOf(req), deps());
  res.json({ article: articleOf(await unfavoritePost(viewer, id, deps())) });
});
