import { Router, type Request, type Response } from "express";
import { config } from "wasp/server";
import { etagOf } from "../cache/feedCache";
import { routeName } from "../observability/httpLogging";
import { getPostJson } from "../posts/posts.service";
import type { PostView } from "../posts/posts.schemas";
import { serviceDeps } from "../server/serviceDeps";
import { classify } from "../shared/errors";
import { renderPostPage, type ServerPage } from "./serverPage";

// The server-side includes of a post's page (deploy/nginx/locations.template): nginx asks for
// them as subrequests, never the reader. What anyone may see, as the signed-out reader: a
// hidden, deleted or unknown post gets an empty 404, and the page then shows the app's own
// answer. The reader's own flags and session arrive with the app, as on every page.

// Rendering Markdown costs more than reading the row: the last pages rendered are kept, keyed
// by the post as read (any change to it or its author is a new key).
const RENDERED_MAX = 200;
const rendered = new Map<string, ServerPage>();

function pageOf(json: string): ServerPage {
  const key = etagOf(json);
  const hit = rendered.get(key);
  if (hit) {
    rendered.delete(key);
    rendered.set(key, hit);
    return hit;
  }
  const page = renderPostPage(JSON.parse(json) as PostView, config.frontendUrl);
  rendered.set(key, page);
  if (rendered.size > RENDERED_MAX) rendered.delete(rendered.keys().next().value!);
  return page;
}

export const serverPageRoutes = Router();

for (const part of ["head", "article"] as const) {
  const path = `/_fragments/posts/:id/${part}`;
  serverPageRoutes.get(path, routeName(path), (req, res, next) => serve(req, res, next, part));
}

async function serve(
  req: Request,
  res: Response,
  next: (error: unknown) => void,
  part: keyof ServerPage,
) {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) return void res.status(404).end();
  let page: ServerPage;
  try {
    page = pageOf(await getPostJson(null, { id }, serviceDeps()));
  } catch (error) {
    if (classify(error).status === 404) return void res.status(404).end();
    return next(error);
  }
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Length", Buffer.byteLength(page[part]));
  res.end(page[part]);
}
