import { tagsInput } from "../../posts/posts.schemas";
import { listTagsJson } from "../../posts/tags.service";
import { viewerOf } from "./context";
import { sendJsonWithEtag } from "./conditional";
import { parse, rest } from "./route";
import { readWith } from "../../server/replicas/readRoute";

// Ready JSON from the feed cache: the same writes that change feeds change the tag list.
export const listTags = rest(async (req, res) => {
  parse(tagsInput, req.query);
  sendJsonWithEtag(req, res, await readWith(viewerOf(res), listTagsJson));
});
