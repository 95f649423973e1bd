import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { apiUser } from "../../factories";
import { http } from "../../http";

// The API's promises to every client: one error shape, JSON only, bounded bodies.
describe("API contract", () => {
  test("When the body is too large, then 413 problem and nothing is stored", async () => {
    const user = await apiUser("huge");
    const response = await http("POST", "/api/v1/posts", {
      token: user.accessToken,
      body: { title: "big", content: "x".repeat(200_000) },
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await prisma.post.count({ where: { authorId: user.id } })).toBe(0);
  });

  test("When the body is not JSON, then 415; when it is malformed JSON, then 400", async () => {
    const user = await apiUser("types");
    const form = await http("POST", "/api/v1/posts", {
      token: user.accessToken,
      raw: "title=a&content=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const broken = await http("POST", "/api/v1/posts", {
      token: user.accessToken,
      raw: '{"title": ',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.detail).toBe("The body is not valid JSON");
  });

  test("When any error happens, then the body is an RFC 9457 problem with no internals", async () => {
    const responses = await Promise.all([
      http("GET", "/api/v1/posts/abc"),
      http("GET", "/api/v1/users"),
      http("GET", "/api/v1/no-such-route"),
      http("POST", "/api/v1/auth/login", { raw: "[[[[" }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([400, 401, 404, 400]);
    for (const { body, headers } of responses) {
      expect(headers.get("content-type")).toContain("application/problem+json");
      expect(body).toEqual(
        expect.objectContaining({
          type: expect.stringMatching(/^urn:inkwell:problem:/),
          title: expect.any(String),
          status: expect.any(Number),
          detail: expect.any(String),
          requestId: expect.any(String),
        }),
      );
      expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules|prisma|SELECT/i);
    }
  });

  test("When a client sends X-Request-Id, then it comes back on the response and in errors", async () => {
    const response = await http("GET", "/api/v1/posts/0", {
      headers: { "x-request-id": "trace-42" },
    });
    expect(response.headers.get("x-request-id")).toBe("trace-42");
    expect(response.body.requestId).toBe("trace-42");
  });
});
