import * as comments from "../../comments/comments.service";
import { idParams } from "../../shared/schemas";
import { deps, viewerOf } from "./context";
import { sendJsonWithEtag } from "./conditional";
import { parse, rest, send } from "./route";
import { readWith } from "../../server/replicas/readRoute";

export const listComments = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  const viewer = viewerOf(res);
  const page = await readWith(viewer, (d) => comments.listComments(viewer, id, req.query, d));
  sendJsonWithEtag(req, res, JSON.stringify(page));
});

export const createComment = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  send(res, 201, await comments.createComment(viewerOf(res), id, req.body, deps()));
});

export const deleteComment = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  await comments.deleteComment(viewerOf(res), id, deps());
  res.status(204).end();
});
