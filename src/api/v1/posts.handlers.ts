import * as posts from "../../posts/posts.service";
import { idParams } from "../../shared/schemas";
import { deps, viewerOf } from "./context";
import { parse, rest, send } from "./route";

export const listPosts = rest(async (req, res) => {
  send(res, 200, await posts.listFeed(viewerOf(res), req.query, deps(req, res)));
});

export const createPost = rest(async (req, res) => {
  const post = await posts.createPost(viewerOf(res), req.body, deps(req, res));
  res.setHeader("Location", `/api/v1/posts/${post.id}`);
  send(res, 201, post);
});

export const getPost = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  send(res, 200, await posts.getPost(viewerOf(res), id, deps(req, res)));
});

export const updatePost = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  send(res, 200, await posts.updatePost(viewerOf(res), id, req.body, deps(req, res)));
});

export const deletePost = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  await posts.deletePost(viewerOf(res), id, deps(req, res));
  res.status(204).end();
});
