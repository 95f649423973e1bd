import type { Request, Response } from "express";
import { etagOf } from "../../cache/feedCache";

// Conditional GET for JSON reads: an ETag on every answer and 304 when the client already has
// it. Done here rather than by Express, whose check gives up whenever the request carries
// `Cache-Control: no-cache` (fetch() adds it to every conditional request).
export function sendJsonWithEtag(
  req: Request,
  res: Response,
  body: string | Buffer,
  etag = etagOf(body),
) {
  res.setHeader("ETag", etag);
  res.setHeader("Cache-Control", "no-cache");
  // Added to what is there (CORS varies on Origin).
  const vary = res.getHeader("Vary");
  res.setHeader("Vary", vary ? `${String(vary)}, Authorization` : "Authorization");
  if (clientHasEtag(req, etag)) {
    res.status(304).end();
    return;
  }
  // Written directly: Express's res.send would re-check freshness and re-measure the body.
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

/** Whether If-None-Match names this ETag (weak or strong: a GET compares them weakly). */
export function clientHasEtag(req: Request, etag: string) {
  const wanted = req.get("if-none-match");
  return !!wanted && wanted.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
