import type { AddressInfo } from "node:net";
import express, { type RequestHandler } from "express";
import helmet from "helmet";
import { beforeAll, describe, expect, test } from "vitest";
import { precomputedHeaders } from "../../../src/server/staticHeaders";
import { http } from "../../http";
import { postRow, signedUpUser } from "../../factories";

// The web door's JSON answers carry the JSON API's header set; its HTML carries helmet's, set
// from a list made once at start (src/server/staticHeaders.ts) instead of through helmet's
// chain per request. Guards against that list missing, adding or changing any header helmet
// itself would send, and against a JSON answer losing its set.

/** The headers a bare Express app with `middleware` answers with (helmet's own, run as is). */
async function headersOf(middleware: RequestHandler) {
  const app = express();
  app.disable("x-powered-by");
  app.get("/", middleware, (_req, res) => void res.end());
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return (await fetch(`http://127.0.0.1:${port}/`)).headers;
  } finally {
    server.close();
  }
}

const HELMET_NAMES = [
  "content-security-policy",
  "cross-origin-embedder-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  "origin-agent-cluster",
  "referrer-policy",
  "strict-transport-security",
  "x-content-type-options",
  "x-dns-prefetch-control",
  "x-download-options",
  "x-frame-options",
  "x-permitted-cross-domain-policies",
  "x-xss-protection",
];

let helmetHeaders: [string, string | null][];
beforeAll(async () => {
  const headers = await headersOf(helmet());
  helmetHeaders = HELMET_NAMES.map((name) => [name, headers.get(name)]);
});

// What every JSON answer carries, the web door's /auth and /operations as the REST doors'
// (src/server/jsonApi.ts); helmet's set is for documents and stays on the server's own page.
const JSON_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-site",
};
const DOCUMENT_ONLY = HELMET_NAMES.filter((name) => !(name in JSON_HEADERS));
const jsonHeadersOf = (headers: Headers) => [
  Object.fromEntries(Object.keys(JSON_HEADERS).map((name) => [name, headers.get(name)])),
  DOCUMENT_ONLY.filter((name) => headers.has(name)),
];

describe("security headers", () => {
  test("When the browser calls a Wasp operation, then it gets the JSON API's header set, as from /api/v1", async () => {
    const feed = await http("POST", "/operations/get-feed", { body: { json: {} } });
    const rest = await http("GET", "/api/v1/posts");
    expect(feed.status).toBe(200);
    expect(jsonHeadersOf(feed.headers)).toEqual([JSON_HEADERS, []]);
    expect(jsonHeadersOf(rest.headers)).toEqual([JSON_HEADERS, []]);
  });

  test("When a signed-in browser's operation fails or an auth route answers, then the answer carries that set too", async () => {
    const user = await signedUpUser();
    const post = await postRow(user.id);
    const refused = await http("POST", "/operations/delete-post", {
      body: { json: { id: post.id } },
    });
    expect(refused.status).toBe(401);
    expect(jsonHeadersOf(refused.headers)).toEqual([JSON_HEADERS, []]);
    const me = await http("GET", "/Auth/me");
    expect(jsonHeadersOf(me.headers)).toEqual([JSON_HEADERS, []]);
  });

  test("When the server's own page is opened, then it gets every header helmet sends, with helmet's values", async () => {
    expect(helmetHeaders.every(([, value]) => value !== null)).toBe(true);
    const page = await http("GET", "/");
    expect(page.status).toBe(200);
    expect(HELMET_NAMES.map((name) => [name, page.headers.get(name)])).toEqual(helmetHeaders);
  });

  test("When a middleware's headers depend on the request, then it is kept as it is", async () => {
    const byRequest: RequestHandler = (req, res, next) => {
      res.setHeader("X-Echo", String(req.headers["x-echo"] ?? "none"));
      next();
    };
    const kept = precomputedHeaders(byRequest);
    expect(kept).toBe(byRequest);
    const fixed = await headersOf(precomputedHeaders(helmet()));
    expect(HELMET_NAMES.map((name) => [name, fixed.get(name)])).toEqual(helmetHeaders);
  });
});
