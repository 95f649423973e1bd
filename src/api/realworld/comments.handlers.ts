import * as comments from "../../comments/comments.service";
import { postIdForSlug } from "../../posts/posts.service";
import { idParams } from "../../shared/schemas";
import { parseInput } from "../../shared/validation";
import { commentsRoutes } from "./comments.routes";
import { deps } from "./context";
import { readWith } from "../../server/replicas/readRoute";
import { handlersOf, pick, slugOf } from "./route";
import { commentOf } from "./views";

const on = handlersOf(commentsRoutes);

// RealWorld names comments by their article's slug: an unknown article is 404 `article`
// before anything is said about the comment.
export const listComments = on("listComments", async ({ req, res, viewer }) => {
  const list = await readWith(viewer, async (reads) =>
    comments.listAllComments(viewer, await postIdForSlug(viewer, slugOf(req), reads), reads),
  );
  res.json({ comments: list.map(commentOf) });
});

export const createComment = on("createComment", async ({ req, res, viewer, input }) => {
  const postId = await postIdForSlug(viewer, slugOf(req), deps());
  const comment = await comments.createComment(
    viewer,
    postId,
    pick(input, { body: "body" }),
    deps(),
  );
  res.status(201).json({ comment: commentOf(comment) });
});

export const deleteComment = on("deleteComment", async ({ req, res, viewer }) => {
  const postId = await postIdForSlug(viewer, slugOf(req), deps());
  const { id } = parseInput(idParams, { id: req.params.id });
  await comments.deleteComment(viewer, id, deps(), postId);
  res.status(204).end();
});
