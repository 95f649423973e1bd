import { slugParams } from "../../posts/posts.schemas";
import * as posts from "../../posts/posts.service";
import { parseIdempotencyKey } from "../../shared/idempotency";
import { idParams } from "../../shared/schemas";
import { deps, viewerOf } from "./context";
import { sendJsonWithEtag } from "./conditional";
import { parse, parseId, rest, send } from "./route";
import { readWith } from "../../server/replicas/readRoute";

// Feed pages arrive as ready JSON with their ETag (from the cache when possible).
export const listPosts = rest(async (req, res) => {
  const viewer = viewerOf(res);
  const page = await readWith(viewer, (reads) => posts.listFeedJson(viewer, req.query, reads));
  sendJsonWithEtag(req, res, page.body, page.etag);
});

// Idempotency-Key: a retried POST (same key, same body) gets the first response back, marked
// with Idempotent-Replayed, and creates nothing.
export const createPost = rest(async (req, res) => {
  const key = parseIdempotencyKey(req.get("idempotency-key"));
  const { body: post, replayed } = await posts.createPostOnce(viewerOf(res), req.body, deps(), key);
  res.setHeader("Location", `/api/v1/posts/${post.id}`);
  if (replayed) res.setHeader("Idempotent-Replayed", "true");
  send(res, 201, post);
});

export const getPost = rest(async (req, res) => {
  const { id } = parseId(req.params);
  const viewer = viewerOf(res);
  sendJsonWithEtag(req, res, await readWith(viewer, (d) => posts.getPostJson(viewer, { id }, d)));
});

export const getPostBySlug = rest(async (req, res) => {
  const { slug } = parse(slugParams, req.params);
  const viewer = viewerOf(res);
  const post = await readWith(viewer, (reads) => posts.getPostJson(viewer, { slug }, reads));
  sendJsonWithEtag(req, res, post);
});

export const updatePost = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  send(res, 200, await posts.updatePost(viewerOf(res), id, req.body, deps()));
});

export const deletePost = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  await posts.deletePost(viewerOf(res), id, deps());
  res.status(204).end();
});

// Never cached: the page is the viewer's alone (its ETag still spares an unchanged body).
export const listFollowingFeed = rest(async (req, res) => {
  const viewer = viewerOf(res);
  const page = await readWith(viewer, (d) => posts.listFollowingFeedJson(viewer, req.query, d));
  sendJsonWithEtag(req, res, page);
});
