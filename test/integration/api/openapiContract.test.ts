import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, test } from "vitest";
import { apiAdmin, apiUser, PASSWORD, postRow, uniqueEmail } from "../../factories";
import { http, type HttpResponse } from "../../http";

// Every documented route is called, and each answer (status, content type, body) is checked
// against the document's schema for that status: a status the document does not list for the
// route fails, as does a body that does not match. Guards against the document drifting from
// what the server does (it once left out 413/415 on login, 429 and 503 everywhere).

type Operation = {
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
};

let document: Document;
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:\S+$/i);
ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
const validators = new Map<object, ValidateFunction>();
const checked = new Map<string, Set<number>>();

beforeAll(async () => {
  const response = await http<Document>("GET", "/api/v1/openapi.json");
  expect(response.status).toBe(200);
  document = response.body;
});

/** The schema with the document's components inlined, so ajv can compile it on its own. */
function compile(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    const inlined = JSON.parse(
      JSON.stringify(schema).replace(
        /\{"\$ref":"#\/components\/schemas\/(\w+)"\}/g,
        (_all, name: string) => JSON.stringify(document.components.schemas[name]),
      ),
    ) as object;
    validate = ajv.compile(inlined);
    validators.set(schema, validate);
  }
  return validate;
}

/** Asserts that `response`, the answer of `id` ("POST /posts/{id}"), is what the document says. */
function conforms(id: string, response: HttpResponse) {
  const [method, path] = id.split(" ") as [string, string];
  const operation = document.paths[path]?.[method.toLowerCase()];
  expect(operation, `${id} is documented`).toBeDefined();
  const documented = operation!.responses[String(response.status)];
  expect(documented, `${id} documents ${response.status}`).toBeDefined();
  const [type, media] = Object.entries(documented!.content ?? {})[0] ?? [];
  if (!type) {
    expect(response.body, `${id} ${response.status} has no body`).toBeNull();
  } else {
    expect(response.headers.get("content-type"), `${id} ${response.status}`).toContain(type);
    const validate = compile(media!.schema);
    expect(
      validate(response.body),
      `${id} ${response.status}: ${ajv.errorsText(validate.errors)}`,
    ).toBe(true);
  }
  (checked.get(id) ?? checked.set(id, new Set()).get(id)!).add(response.status);
  return response;
}

const call = async (id: string, url: string, options: Parameters<typeof http>[2] = {}) =>
  conforms(id, await http(id.split(" ")[0]!, `/api/v1${url}`, options));

describe("OpenAPI contract: every route answers as documented", () => {
  test("When the posts routes succeed or fail, then each answer matches its documented schema", async () => {
    const author = await apiUser("oc-author");
    const other = await apiUser("oc-other");
    const feed = await call("GET /posts", "/posts?limit=5");
    expect(feed.status).toBe(200);
    const etag = feed.headers.get("etag")!;
    expect(
      (await call("GET /posts", "/posts?limit=5", { headers: { "if-none-match": etag } })).status,
    ).toBe(304);
    expect((await call("GET /posts", "/posts?limit=0")).status).toBe(400);

    const created = await call("POST /posts", "/posts", {
      token: author.accessToken,
      body: { title: "Contract", content: "Checked against the document" },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    expect(
      (await call("POST /posts", "/posts", { body: { title: "t", content: "c" } })).status,
    ).toBe(401);
    expect(
      (
        await call("POST /posts", "/posts", {
          token: author.accessToken,
          raw: "title=a",
          headers: { "content-type": "text/plain" },
        })
      ).status,
    ).toBe(415);
    expect(
      (
        await call("POST /posts", "/posts", {
          token: author.accessToken,
          body: { title: "t", content: "x".repeat(200_000) },
        })
      ).status,
    ).toBe(413);

    expect((await call("GET /posts/{id}", `/posts/${id}`)).status).toBe(200);
    expect((await call("GET /posts/{id}", "/posts/2147483647")).status).toBe(404);
    expect((await call("GET /posts/{id}", "/posts/abc")).status).toBe(400);

    const edit = { body: { title: "Edited" } };
    expect(
      (await call("PUT /posts/{id}", `/posts/${id}`, { ...edit, token: author.accessToken }))
        .status,
    ).toBe(200);
    expect(
      (await call("PUT /posts/{id}", `/posts/${id}`, { ...edit, token: other.accessToken })).status,
    ).toBe(403);

    expect(
      (await call("DELETE /posts/{id}", `/posts/${id}`, { token: other.accessToken })).status,
    ).toBe(403);
    expect(
      (await call("DELETE /posts/{id}", `/posts/${id}`, { token: author.accessToken })).status,
    ).toBe(204);
    expect(
      (await call("DELETE /posts/{id}", `/posts/${id}`, { token: author.accessToken })).status,
    ).toBe(404);
  });

  test("When the auth routes succeed or fail, then each answer matches its documented schema", async () => {
    const email = uniqueEmail("oc-auth");
    const registered = await call("POST /auth/register", "/auth/register", {
      body: { email, name: "Contract", password: PASSWORD },
    });
    expect(registered.status).toBe(201);
    const again = { body: { email, name: "Contract", password: PASSWORD } };
    expect((await call("POST /auth/register", "/auth/register", again)).status).toBe(409);
    expect((await call("POST /auth/register", "/auth/register", { raw: "{" })).status).toBe(400);

    const login = await call("POST /auth/login", "/auth/login", {
      body: { email, password: PASSWORD },
    });
    expect(login.status).toBe(200);
    const wrong = { body: { email, password: "Wrong password 1" } };
    expect((await call("POST /auth/login", "/auth/login", wrong)).status).toBe(401);
    expect(
      (
        await call("POST /auth/login", "/auth/login", {
          raw: "e=a",
          headers: { "content-type": "text/plain" },
        })
      ).status,
    ).toBe(415);
    expect(
      (await call("POST /auth/login", "/auth/login", { raw: "[".repeat(150_000) })).status,
    ).toBe(413);

    const { accessToken, refreshToken } = login.body as {
      accessToken: string;
      refreshToken: string;
    };
    const renewed = await call("POST /auth/refresh", "/auth/refresh", { body: { refreshToken } });
    expect(renewed.status).toBe(200);
    // (Replaying the spent token would revoke the family this test goes on using.)
    const unknown = { body: { refreshToken: "not-a-refresh-token" } };
    expect((await call("POST /auth/refresh", "/auth/refresh", unknown)).status).toBe(401);
    expect((await call("POST /auth/refresh", "/auth/refresh", { body: {} })).status).toBe(400);

    const fresh = (renewed.body as { accessToken: string }).accessToken;
    const change = (currentPassword: string) => ({
      token: fresh,
      body: { currentPassword, newPassword: "another horse battery 10" },
    });
    expect(
      (await call("POST /auth/password", "/auth/password", change("Wrong password 1"))).status,
    ).toBe(400);
    expect((await call("POST /auth/password", "/auth/password", change(PASSWORD))).status).toBe(
      204,
    );
    expect((await call("POST /auth/password", "/auth/password", { body: {} })).status).toBe(401);

    expect((await call("POST /auth/logout", "/auth/logout", { token: fresh })).status).toBe(204);
    expect((await call("POST /auth/logout", "/auth/logout", { token: fresh })).status).toBe(401);
    // The access token of the first login belongs to the family that logout just revoked.
    expect((await call("GET /posts", "/posts", { token: accessToken })).status).toBe(401);
    const another = await apiUser("oc-logout");
    const unknownField = { token: another.accessToken, body: { nope: 1 } };
    expect((await call("POST /auth/logout", "/auth/logout", unknownField)).status).toBe(400);
  });

  test("When the users and admin routes succeed or fail, then each answer matches its documented schema", async () => {
    const admin = await apiAdmin("oc-admin");
    const user = await apiUser("oc-user");
    const other = await apiUser("oc-user2");
    expect((await call("GET /users", "/users?limit=2", { token: admin.accessToken })).status).toBe(
      200,
    );
    expect((await call("GET /users", "/users", { token: user.accessToken })).status).toBe(403);
    expect((await call("GET /users", "/users")).status).toBe(401);

    expect((await call("GET /users/{id}", `/users/${user.id}`)).status).toBe(200);
    expect(
      (await call("GET /users/{id}", `/users/${user.id}`, { token: user.accessToken })).status,
    ).toBe(200);
    expect((await call("GET /users/{id}", "/users/2147483647")).status).toBe(404);

    const rename = { body: { name: "Renamed" } };
    expect(
      (await call("PUT /users/{id}", `/users/${user.id}`, { ...rename, token: user.accessToken }))
        .status,
    ).toBe(200);
    expect(
      (await call("PUT /users/{id}", `/users/${other.id}`, { ...rename, token: user.accessToken }))
        .status,
    ).toBe(403);
    expect(
      (await call("PUT /users/{id}", "/users/2147483647", { ...rename, token: admin.accessToken }))
        .status,
    ).toBe(404);

    expect(
      (await call("DELETE /users/{id}", `/users/${other.id}`, { token: user.accessToken })).status,
    ).toBe(403);
    expect(
      (await call("DELETE /users/{id}", `/users/${other.id}`, { token: other.accessToken })).status,
    ).toBe(204);

    expect(
      (await call("GET /admin/audit", "/admin/audit?limit=3", { token: admin.accessToken })).status,
    ).toBe(200);
    expect(
      (await call("GET /admin/audit", "/admin/audit", { token: user.accessToken })).status,
    ).toBe(403);
    expect(
      (await call("GET /admin/audit", "/admin/audit?limit=x", { token: admin.accessToken })).status,
    ).toBe(400);
  });

  test("When the platform routes (tags, favourites, comments, profiles, following feed, slugs) succeed or fail, then each answer matches its documented schema", async () => {
    const author = await apiUser("oc-platform");
    const reader = await apiUser("oc-reader");
    const asAuthor = { token: author.accessToken };
    const asReader = { token: reader.accessToken };
    const created = await call("POST /posts", "/posts", {
      ...asAuthor,
      body: { title: "Platform", content: "c", description: "d", tags: ["Contract Tag"] },
    });
    const post = created.body as { id: number; slug: string };

    const tags = await call("GET /tags", "/tags");
    expect(tags.status).toBe(200);
    const etag = { headers: { "if-none-match": tags.headers.get("etag")! } };
    expect([200, 304]).toContain((await call("GET /tags", "/tags", etag)).status);
    expect((await call("GET /tags", "/tags?x=1")).status).toBe(400);

    for (const query of ["tag=contract-tag", `author=${author.username}`, "favoritedBy=nobody"]) {
      expect((await call("GET /posts", `/posts?${query}`)).status).toBe(200);
    }

    const found = await call("GET /search", "/search?q=platform&limit=1", asReader);
    expect(found.status).toBe(200);
    expect((await call("GET /search", "/search?q=the")).body).toEqual({
      items: [],
      nextOffset: null,
    });
    expect((await call("GET /search", "/search?q=%20")).status).toBe(400);

    const bySlug = `/posts/by-slug/${post.slug}`;
    expect((await call("GET /posts/by-slug/{slug}", bySlug, asReader)).status).toBe(200);
    expect((await call("GET /posts/by-slug/{slug}", "/posts/by-slug/no-such-slug")).status).toBe(
      404,
    );
    const tooLong = `/posts/by-slug/${"s".repeat(201)}`;
    expect((await call("GET /posts/by-slug/{slug}", tooLong)).status).toBe(400);

    const favorite = `/posts/${post.id}/favorite`;
    expect((await call("POST /posts/{id}/favorite", favorite, asReader)).status).toBe(200);
    expect((await call("POST /posts/{id}/favorite", favorite)).status).toBe(401);
    const unknownPost = "/posts/2147483647/favorite";
    expect((await call("POST /posts/{id}/favorite", unknownPost, asReader)).status).toBe(404);
    expect((await call("DELETE /posts/{id}/favorite", favorite, asReader)).status).toBe(200);
    expect((await call("DELETE /posts/{id}/favorite", unknownPost, asReader)).status).toBe(404);

    const thread = `/posts/${post.id}/comments`;
    const commented = await call("POST /posts/{id}/comments", thread, {
      ...asReader,
      body: { body: "A comment" },
    });
    expect(commented.status).toBe(201);
    const badComment = { ...asReader, body: { body: "" } };
    expect((await call("POST /posts/{id}/comments", thread, badComment)).status).toBe(400);
    const unknownThread = "/posts/2147483647/comments";
    const commentBody = { ...asReader, body: { body: "x" } };
    expect((await call("POST /posts/{id}/comments", unknownThread, commentBody)).status).toBe(404);
    expect((await call("GET /posts/{id}/comments", thread)).status).toBe(200);
    expect((await call("GET /posts/{id}/comments", unknownThread)).status).toBe(404);
    expect((await call("GET /posts/{id}/comments", `${thread}?limit=0`)).status).toBe(400);
    const comment = `/comments/${(commented.body as { id: number }).id}`;
    expect((await call("DELETE /comments/{id}", comment, asAuthor)).status).toBe(403);
    expect((await call("DELETE /comments/{id}", comment, asReader)).status).toBe(204);
    expect((await call("DELETE /comments/{id}", comment, asReader)).status).toBe(404);

    const profile = `/profiles/${author.username}`;
    expect((await call("GET /profiles/{username}", profile, asReader)).status).toBe(200);
    expect((await call("GET /profiles/{username}", "/profiles/no_one_has_this")).status).toBe(404);
    expect((await call("GET /profiles/{username}", "/profiles/x")).status).toBe(400);
    const followPath = `${profile}/follow`;
    expect((await call("POST /profiles/{username}/follow", followPath, asReader)).status).toBe(200);
    expect((await call("POST /profiles/{username}/follow", followPath, asAuthor)).status).toBe(403);
    const ghost = "/profiles/no_one_has_this/follow";
    expect((await call("POST /profiles/{username}/follow", ghost, asReader)).status).toBe(404);

    expect((await call("GET /feed", "/feed", asReader)).status).toBe(200);
    expect((await call("GET /feed", "/feed")).status).toBe(401);
    expect((await call("GET /feed", "/feed?tag=x", asReader)).status).toBe(400);

    expect((await call("DELETE /profiles/{username}/follow", followPath, asReader)).status).toBe(
      200,
    );
    expect((await call("DELETE /profiles/{username}/follow", ghost, asReader)).status).toBe(404);

    const takenHandle = {
      body: { email: uniqueEmail("oc-handle"), username: author.username, password: PASSWORD },
    };
    expect((await call("POST /auth/register", "/auth/register", takenHandle)).status).toBe(409);
    const rename = { ...asReader, body: { username: author.username } };
    expect((await call("PUT /users/{id}", `/users/${reader.id}`, rename)).status).toBe(409);
  });

  test("When the document itself is fetched with or without a valid token, then it matches its own schema", async () => {
    const user = await apiUser("oc-doc");
    await postRow(user.id);
    expect((await call("GET /openapi.json", "/openapi.json")).status).toBe(200);
    expect(
      (await call("GET /openapi.json", "/openapi.json", { token: "not-a-token" })).status,
    ).toBe(401);
  });

  test("When the calls above are tallied, then every documented route answered a success and at least one documented error", () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.length).toBeGreaterThan(10);
    for (const id of documented) {
      const statuses = [...(checked.get(id) ?? [])];
      expect(
        statuses.some((status) => status < 300),
        `${id} succeeded`,
      ).toBe(true);
      expect(
        statuses.some((status) => status >= 400),
        `${id} failed as documented`,
      ).toBe(true);
    }
    expect([...checked.keys()].sort()).toEqual(documented.sort());
  });

  test("When a route takes a body, then 400, 413 and 415 are documented; every route documents 401, 403, 429, 500 and 503", () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses);
        const expected = ["401", "403", "429", "500", "503"];
        if ("requestBody" in operation) expected.push("400", "413", "415");
        expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(expected));
      }
    }
  });
});
