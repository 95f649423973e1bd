import type { AddressInfo } from "node:net";
import express, { type RequestHandler } from "express";
import helmet from "helmet";
import { beforeAll, describe, expect, test } from "vitest";
import { precomputedHeaders } from "../../../src/server/staticHeaders";
import { http } from "../../http";
import { postRow, signedUpUser } from "../../factories";

// The web door's security headers are helmet's, set from a list made once at start
// (src/server/staticHeaders.ts) instead of through helmet's chain per request. Guards against
// that list missing, adding or changing any header helmet itself would send.

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

describe("security headers", () => {
  test("When the browser calls a Wasp operation, then it gets every header helmet sends, with helmet's values", async () => {
    expect(helmetHeaders.every(([, value]) => value !== null)).toBe(true);
    const feed = await http("POST", "/operations/get-feed", { body: { json: {} } });
    expect(feed.status).toBe(200);
    expect(HELMET_NAMES.map((name) => [name, feed.headers.get(name)])).toEqual(helmetHeaders);
  });

  test("When a signed-in browser's operation fails, then the refusal carries helmet's headers too", async () => {
    const user = await signedUpUser();
    const post = await postRow(user.id);
    const refused = await http("POST", "/operations/delete-post", {
      body: { json: { id: post.id } },
    });
    expect(refused.status).toBe(401);
    expect(HELMET_NAMES.map((name) => [name, refused.headers.get(name)])).toEqual(helmetHeaders);
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
