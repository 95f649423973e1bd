import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { http } from "../../http";

// The Wasp spec declares the routes; the OpenAPI document describes them. They must agree.
type Decl = { declType: string; declValue: { httpRoute?: [string, string] } };

function declaredApiRoutes() {
  const spec = JSON.parse(readFileSync(".wasp/spec-result.json", "utf8")) as { value: Decl[] };
  return spec.value
    .filter((decl) => decl.declType === "Api")
    .map((decl) => decl.declValue.httpRoute!)
    .filter(([, path]) => path.startsWith("/api/v1/"))
    .map(
      ([method, path]) =>
        `${method.toLowerCase()} ${path.slice("/api/v1".length).replace(/:(\w+)/g, "{$1}")}`,
    )
    .sort();
}

describe("OpenAPI document", () => {
  test("When the document is fetched, then every route of the namespace is described, and no other", async () => {
    const response = await http("GET", "/api/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    const documented = Object.entries(response.body.paths as Record<string, object>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    const declared = declaredApiRoutes();
    expect(declared.length).toBeGreaterThan(10);
    expect(documented).toEqual(declared);
  });

  test("When a request schema is read, then it comes from the same zod schema the server enforces", async () => {
    const response = await http("GET", "/api/v1/openapi.json");
    const schema =
      response.body.paths["/posts"].post.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(["title", "content"]);
    expect(schema.properties.title.maxLength).toBe(200);
    expect(schema.additionalProperties).toBe(false);
  });

  test("When the posts routes are read, then their filters and every field of a post and its author are documented", async () => {
    const { body } = await http("GET", "/api/v1/openapi.json");
    const names = (operation: { parameters: { name: string }[] }) =>
      operation.parameters.map((parameter) => parameter.name);
    expect(names(body.paths["/posts"].get)).toEqual(
      expect.arrayContaining(["cursor", "limit", "authorId", "author", "tag", "favoritedBy"]),
    );
    const post = body.paths["/posts/{id}"].get.responses["200"].content["application/json"].schema;
    expect(post.required).toEqual(
      expect.arrayContaining(["slug", "description", "tags", "favoritesCount", "favorited"]),
    );
    expect(post.properties.author.required).toEqual(
      expect.arrayContaining(["username", "bio", "image", "following"]),
    );
    const register = body.paths["/auth/register"].post.requestBody.content["application/json"];
    expect(register.schema.properties.username).toMatchObject({ minLength: 3, maxLength: 32 });
    expect(register.schema.required).toEqual(["email", "password"]);
    const user = body.paths["/users/{id}"].get.responses["200"].content["application/json"].schema;
    for (const shape of user.anyOf) {
      expect(shape.required).toEqual(expect.arrayContaining(["username", "bio", "image"]));
    }
  });

  test("When a person opens the docs page, then an HTML page is served", async () => {
    const response = await http("GET", "/api/v1/docs/");
    expect(response.status).toBe(200);
    expect(String(response.body)).toContain("swagger-ui");
  });
});

describe("Route descriptions", () => {
  test("When a route has the sign-in trait, then the spec gives it the per-account limit, and no other route gets it", async () => {
    const { v1Routes } = await import("../../../src/api/v1/routes");
    type Api = {
      declType: string;
      declValue: { httpRoute: [string, string]; middlewareConfigFn?: { name: string } };
    };
    const spec = JSON.parse(readFileSync(".wasp/spec-result.json", "utf8")) as { value: Api[] };
    const limited = spec.value
      .filter((decl) => decl.declType === "Api")
      .filter((decl) => decl.declValue.middlewareConfigFn?.name === "authRouteMiddleware")
      .map(
        ({
          declValue: {
            httpRoute: [method, path],
          },
        }) => `${method} ${path.slice("/api/v1".length)}`,
      )
      .sort();
    const signIn = v1Routes
      .filter((route) => route.signIn)
      .map((route) => route.id)
      .sort();
    expect(signIn).toEqual([
      "POST /auth/login",
      "POST /auth/password",
      "POST /auth/refresh",
      "POST /auth/register",
    ]);
    expect(limited).toEqual(signIn);
  });

  test("When two routes could match one URL, then the one with a fixed segment where the other has a parameter comes first", async () => {
    // Express takes the first match: /posts/:id/comments listed first would read
    // GET /posts/by-slug/comments as the comments of post "by-slug" (a 400).
    const { v1Routes } = await import("../../../src/api/v1/routes");
    const segments = (path: string) => path.split("/").filter(Boolean);
    const isParam = (segment = "") => segment.startsWith(":");
    const shadowed: string[] = [];
    v1Routes.forEach((later, index) => {
      for (const earlier of v1Routes.slice(0, index)) {
        const [a, b] = [segments(earlier.path), segments(later.path)];
        if (earlier.method !== later.method || a.length !== b.length) continue;
        const overlap = a.every((s, k) => s === b[k] || isParam(s) || isParam(b[k]));
        const first = a.findIndex((s, k) => s !== b[k]);
        if (overlap && first >= 0 && isParam(a[first]) && !isParam(b[first])) {
          shadowed.push(`${later.id} after ${earlier.id}`);
        }
      }
    });
    expect(shadowed).toEqual([]);
  });

  test("When the routes are declared, then each has a handler name of its own (Wasp's and OpenAPI's ids)", async () => {
    const { v1Routes } = await import("../../../src/api/v1/routes");
    const handlers = v1Routes.map((route) => route.handler);
    expect(handlers.filter((name, i) => handlers.indexOf(name) !== i)).toEqual([]);
  });
});
