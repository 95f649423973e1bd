import type { Request, RequestHandler, Response } from "express";
import { makeAuthUserIfPossible, type AuthUserData } from "wasp/auth/user";
import auth from "wasp/core/auth";
import { deserialize, serialize } from "wasp/core/serialization";
import { etagOf, type CachedPage } from "../cache/feedCache";
import { readWith } from "../server/replicas/readRoute";
import { routeName } from "../observability/httpLogging";
import { WASP_MOUNTS } from "../server/waspMounts";
import { asOperation, viewerFrom } from "../shared/wasp";
import { flagTemplate, perPage, renderFlags } from "./flagTemplate";
import * as posts from "./posts.service";

// The browser's getFeed query, answered from the cached page's bytes. Wasp's own route would
// parse the page, revive its dates, walk it with superjson and serialise it again, per request;
// here the superjson envelope (`{"json": page, "meta": which fields are dates}`) is made once
// per cached page and a signed-in viewer's flags are written into it. The client gets exactly
// what Wasp's route sends for the same page. Mounted in front of Wasp's operations router
// (src/app/middleware.ts), with Wasp's auth middleware as that router uses it; the getFeed
// operation (operations.ts) stays the declared query, and answers the same through the service.

type Envelope = { body: Buffer; etag: string; template: ReturnType<typeof flagTemplate> };

const envelopeOf = perPage((page: CachedPage): Envelope => {
  const parsed = posts.parsedPage(page);
  const { meta } = serialize(revived(parsed));
  const json = `{"json":${page.body.toString()}${meta ? `,"meta":${JSON.stringify(meta)}` : ""}}`;
  const body = Buffer.from(json);
  return { body, etag: etagOf(body), template: flagTemplate(json, parsed.items.length) };
});

/** A copy with Date objects where the JSON holds dates, as the operation returns them. */
function revived(page: Readonly<posts.FeedPageWithTotal>) {
  const copy = structuredClone(page) as posts.FeedPageWithTotal;
  for (const post of copy.items) posts.revivePostDates(post);
  return copy;
}

// What Wasp's auth middleware sets on the request.
type AuthedRequest = Request & { user?: AuthUserData | null };

async function getFeed(req: AuthedRequest, res: Response) {
  const answer = await asOperation(async () => {
    const args: unknown = (req.body && deserialize(req.body)) || {};
    const viewer = viewerFrom(makeAuthUserIfPossible(req.user ?? null) ?? undefined);
    const { shared, flags } = await readWith(viewer, (reads) =>
      posts.readFeed(viewer, args, reads),
    );
    const envelope = envelopeOf(shared);
    if (!flags) return envelope;
    if (envelope.template) return { body: renderFlags(envelope.template, flags) };
    return {
      body: Buffer.from(
        JSON.stringify(serialize(revived(posts.withFlags(posts.parsedPage(shared), flags)))),
      ),
    };
  });
  if ("etag" in answer) {
    // The shared page, written as Express's res.send writes it for a POST (never a 304) with
    // the page's own ETag, without its per-request work (hashing the bytes for an ETag among it).
    res.setHeader("ETag", answer.etag);
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.setHeader("Content-Length", answer.body.length);
    res.end(answer.body);
    return;
  }
  res.type("json").send(answer.body);
}

// Matched as Wasp's operations router matches its routes (any case, an optional trailing slash),
// without a Router of its own per request; the route is named for the metrics and access log
// as a matched Express route would be.
const GET_FEED = /^\/get-feed\/?$/i;
const named = routeName(`${WASP_MOUNTS.operations}/get-feed`);
export const getFeedRoute: RequestHandler = (req, res, next) => {
  if (req.method !== "POST" || !GET_FEED.test(req.path)) return next();
  named(req, res, () => undefined);
  // Wasp's auth middleware refuses a bad token by rejecting, as Express would catch it.
  Promise.resolve(
    auth(req, res, (error?: unknown) => {
      if (error) return next(error);
      getFeed(req, res).catch(next);
    }),
  ).catch(next);
};
