import { z } from "zod";
import {
  changePasswordInput,
  loginInput,
  logoutInput,
  refreshInput,
  registerInput,
  tokenPair,
} from "../../auth/auth.schemas";
import {
  createPostInput,
  feedInput,
  feedPage,
  postView,
  updatePostInput,
} from "../../posts/posts.schemas";
import { auditPage, listAuditInput } from "../../audit/audit.schemas";
import { idParams } from "../../shared/schemas";
import {
  listUsersInput,
  publicUserView,
  updateUserInput,
  userPage,
  userView,
} from "../../users/users.schemas";

// The OpenAPI 3.1 description of /api/v1, generated from the same zod schemas the handlers
// validate with, so the document cannot drift from the code. Every api() in v1.wasp.ts must
// have an entry here (test/integration/api/openapi.test.ts checks).

type Access = "public" | "user" | "admin";
type Route = {
  method: "get" | "post" | "put" | "delete";
  path: string; // Express style (:id)
  summary: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  headers?: { name: string; description: string }[];
  ok: { status: number; description: string; schema?: z.ZodType };
  errors: number[];
};

const emailVerified = z
  .boolean()
  .describe("Whether the address is verified (EMAIL_VERIFICATION decides what may act before)");
const session = z.object({ user: userView, emailVerified }).extend(tokenPair.shape);
// With EMAIL_VERIFICATION=required an unverified account gets no tokens until it verifies.
const registration = z.object({ user: userView, emailVerified }).extend(tokenPair.partial().shape);

export const routes: Route[] = [
  {
    method: "post",
    path: "/auth/register",
    summary:
      "Create an account; a verification email is sent. Tokens come at once where verification " +
      "is optional (or skipped in development), else after verifying, from /auth/login",
    access: "public",
    body: registerInput,
    ok: {
      status: 201,
      description: "The new user, and a token pair when the account may act already",
      schema: registration,
    },
    errors: [400, 403, 409, 413, 415, 429],
  },
  {
    method: "post",
    path: "/auth/login",
    summary: "Sign in with email and password (the same account as the web app)",
    access: "public",
    body: loginInput,
    ok: { status: 200, description: "The user and a new token pair", schema: session },
    errors: [400, 401, 403, 429],
  },
  {
    method: "post",
    path: "/auth/logout",
    summary: "Revoke the refresh token family of this session (or of the given refresh token)",
    access: "user",
    body: logoutInput,
    ok: { status: 204, description: "Signed out; the access token stops working at once" },
    errors: [400, 401, 403],
  },
  {
    method: "post",
    path: "/auth/refresh",
    summary: "Trade a refresh token for a new pair (the old refresh token is spent)",
    access: "public",
    body: refreshInput,
    ok: { status: 200, description: "A new token pair", schema: tokenPair },
    errors: [400, 401, 403, 429],
  },
  {
    method: "post",
    path: "/auth/password",
    summary: "Change the password; every other session (web and REST) ends, this one stays",
    access: "user",
    body: changePasswordInput,
    ok: { status: 204, description: "Changed" },
    errors: [400, 401, 403, 413, 415, 429],
  },
  {
    method: "get",
    path: "/users",
    summary: "List and search users, newest first (admins)",
    access: "admin",
    query: listUsersInput,
    ok: { status: 200, description: "A page of users", schema: userPage },
    errors: [400, 401, 403],
  },
  {
    method: "get",
    path: "/users/:id",
    summary: "A user's profile: public fields, or all fields for the user themselves and admins",
    access: "public",
    params: idParams,
    ok: { status: 200, description: "The user", schema: z.union([userView, publicUserView]) },
    errors: [400, 401, 403, 404],
  },
  {
    method: "put",
    path: "/users/:id",
    summary: "Change a name (self or admin) or a role (admins, not on themselves)",
    access: "user",
    params: idParams,
    body: updateUserInput,
    ok: { status: 200, description: "The updated user", schema: userView },
    errors: [400, 401, 403, 404, 409, 413, 415],
  },
  {
    method: "delete",
    path: "/users/:id",
    summary: "Delete an account and all its posts (self or admin)",
    access: "user",
    params: idParams,
    ok: { status: 204, description: "Deleted" },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: "get",
    path: "/posts",
    summary: "The feed, newest first, paged with an opaque cursor; `authorId` for one author",
    access: "public",
    query: feedInput,
    ok: { status: 200, description: "A page of posts", schema: feedPage },
    errors: [400, 401, 403],
  },
  {
    method: "post",
    path: "/posts",
    summary: "Publish a post",
    access: "user",
    body: createPostInput,
    headers: [
      {
        name: "Idempotency-Key",
        description:
          "Optional, recommended: a client-generated id (e.g. a UUID). A retry with the same " +
          "key and body returns the first response (with Idempotent-Replayed: true) and creates " +
          "nothing; the same key with another body is refused with 422.",
      },
    ],
    ok: { status: 201, description: "The new post (Location names it)", schema: postView },
    errors: [400, 401, 403, 413, 415, 422, 429],
  },
  {
    method: "get",
    path: "/posts/:id",
    summary: "One post (hidden posts exist only for their author and admins)",
    access: "public",
    params: idParams,
    ok: { status: 200, description: "The post", schema: postView },
    errors: [400, 401, 403, 404],
  },
  {
    method: "put",
    path: "/posts/:id",
    summary: "Edit a post (author or admin)",
    access: "user",
    params: idParams,
    body: updatePostInput,
    ok: { status: 200, description: "The updated post", schema: postView },
    errors: [400, 401, 403, 404, 413, 415],
  },
  {
    method: "delete",
    path: "/posts/:id",
    summary: "Delete a post (author or admin)",
    access: "user",
    params: idParams,
    ok: { status: 204, description: "Deleted" },
    errors: [400, 401, 403, 404],
  },
  {
    method: "get",
    path: "/admin/audit",
    summary: "The audit trail, newest first: who did what, filtered and paged (admins)",
    access: "admin",
    query: listAuditInput,
    ok: { status: 200, description: "A page of audit entries", schema: auditPage },
    errors: [400, 401, 403],
  },
  {
    method: "get",
    path: "/openapi.json",
    summary: "This document",
    access: "public",
    ok: { status: 200, description: "OpenAPI 3.1 document" },
    errors: [],
  },
];

const errorText: Record<number, string> = {
  400: "Invalid input (see `errors` for each field) or malformed JSON",
  401: "No, an invalid or an expired access token",
  403:
    "Signed in, but not allowed; `urn:inkwell:problem:email-not-verified` where " +
    "EMAIL_VERIFICATION=required and the address is not verified yet (verify, then refresh)",
  404: "No such resource (or hidden from you)",
  409: "Conflicts with the current state",
  413: "Body too large",
  415: "Body is not application/json",
  422: "Idempotency-Key reused for a different request",
  429: "Rate limited: retry after `Retry-After` seconds",
};

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema }) => {
      // Dates travel as ISO 8601 strings.
      if ((zodSchema as { _zod: { def: { type: string } } })._zod.def.type === "date") {
        jsonSchema.type = "string";
        jsonSchema.format = "date-time";
      }
    },
  });
}

const problem = {
  type: "object",
  required: ["type", "title", "status", "detail"],
  properties: {
    type: { type: "string", format: "uri" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
    requestId: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        properties: { field: { type: "string" }, message: { type: "string" } },
      },
    },
  },
};

function parameters(route: Route) {
  const list: object[] = [];
  for (const [where, schema] of [
    ["path", route.params],
    ["query", route.query],
  ] as const) {
    if (!schema) continue;
    const json = jsonSchema(schema, "input") as {
      properties?: Record<string, object>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      list.push({
        name,
        in: where,
        required: where === "path" || (json.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  for (const header of route.headers ?? []) {
    list.push({
      name: header.name,
      in: "header",
      required: false,
      description: header.description,
      schema: { type: "string", maxLength: 200 },
    });
  }
  return list;
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const responses: Record<string, object> = {
      [route.ok.status]: {
        description: route.ok.description,
        ...(route.ok.schema
          ? { content: { "application/json": { schema: jsonSchema(route.ok.schema, "output") } } }
          : {}),
      },
    };
    for (const status of route.errors) {
      responses[status] = {
        description: errorText[status] ?? "Error",
        content: {
          "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
        },
      };
    }
    responses.default = {
      description: "Unexpected error",
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    };
    (paths[path] ??= {})[route.method] = {
      summary: route.summary,
      ...(route.access === "public" ? { security: [] } : {}),
      ...(route.access === "admin" ? { description: "Requires an admin's access token." } : {}),
      parameters: parameters(route),
      ...(route.body
        ? {
            requestBody: {
              required: route.method !== "post" || !route.path.endsWith("/logout"),
              content: { "application/json": { schema: jsonSchema(route.body, "input") } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Inkwell API",
      version: "1.0.0",
      description:
        "REST API for Inkwell. Sign in with /auth/login or /auth/register, send the access " +
        "token as `Authorization: Bearer <token>`, and renew it with /auth/refresh. Errors are " +
        "RFC 9457 problem documents. Lists are paged with `limit` and the `nextCursor` they return.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: { Problem: problem },
    },
  };
}
