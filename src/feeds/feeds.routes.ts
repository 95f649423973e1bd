import { Router, type Request, type Response } from "express";
import { config } from "wasp/server";
import { clientHasEtag } from "../api/v1/conditional";
import { etagOf } from "../cache/feedCache";
import { routeName } from "../observability/httpLogging";
import { serviceDeps } from "../server/serviceDeps";
import { classify } from "../shared/errors";
import { authorFeed, siteFeed, type FeedFormat } from "./feeds.service";

// Feed readers poll: five minutes of freshness, then a conditional GET answered with 304.
const MAX_AGE_SECONDS = 300;
const CONTENT_TYPE: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};

const source = (req: Request) => ({
  siteUrl: config.frontendUrl,
  serverUrl: `${req.protocol}://${req.get("host")}`,
});

export const feedRoutes = Router();

feedRoutes.get("/feed.xml", routeName("/feed.xml"), (req, res, next) =>
  serve(req, res, next, "rss", () => siteFeed("rss", source(req), serviceDeps())),
);
feedRoutes.get("/atom.xml", routeName("/atom.xml"), (req, res, next) =>
  serve(req, res, next, "atom", () => siteFeed("atom", source(req), serviceDeps())),
);
feedRoutes.get("/@:username/feed.xml", routeName("/@:username/feed.xml"), (req, res, next) =>
  serve(req, res, next, "rss", () =>
    authorFeed(String(req.params.username), "rss", source(req), serviceDeps()),
  ),
);

async function serve(
  req: Request,
  res: Response,
  next: (error: unknown) => void,
  format: FeedFormat,
  build: () => Promise<string>,
) {
  let xml: string;
  try {
    xml = await build();
  } catch (error) {
    // Feed readers show the body as text: a 4xx is one line of it; a 5xx goes to the server's
    // error handler (logged with the request id, no internals in the answer).
    const known = classify(error);
    if (known.status >= 500) return next(error);
    res.status(known.status).type("text/plain; charset=utf-8").send(`${known.message}\n`);
    return;
  }
  const etag = etagOf(xml);
  res.setHeader("ETag", etag);
  res.setHeader("Cache-Control", `public, max-age=${MAX_AGE_SECONDS}`);
  if (clientHasEtag(req, etag)) {
    res.status(304).end();
    return;
  }
  res.setHeader("Content-Type", CONTENT_TYPE[format]);
  res.setHeader("Content-Length", Buffer.byteLength(xml));
  res.end(xml);
}
