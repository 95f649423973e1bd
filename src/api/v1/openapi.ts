import { z } from "zod";
import { API_PREFIX, errorsOf, errorText, notModified, type Route } from "./routeSpec";
import { v1Routes } from "./routes";

// The OpenAPI 3.1 description of /api/v1, generated from the route descriptions (routes.ts,
// the same list v1.wasp.ts declares) and the zod schemas the handlers validate with, so the
// document cannot drift from the code: one loop, no per-route text here.

const PROBLEM = {
  "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
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
  if (route.conditional) {
    list.push({
      name: "If-None-Match",
      in: "header",
      required: false,
      description: "The ETag of a previous answer: 304 with no body while it is current",
      schema: { type: "string" },
    });
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

function operation(route: Route) {
  const responses: Record<string, object> = {
    [route.ok.status]: {
      description: route.ok.description,
      ...(route.ok.schema
        ? { content: { "application/json": { schema: jsonSchema(route.ok.schema, "output") } } }
        : {}),
    },
  };
  for (const status of notModified(route)) {
    responses[status] = { description: "Not modified: the ETag sent in If-None-Match is current" };
  }
  for (const status of errorsOf(route)) {
    responses[status] = { description: errorText(route, status), content: PROBLEM };
  }
  responses.default = { description: "Unexpected error", content: PROBLEM };
  return {
    operationId: route.handler,
    summary: route.summary,
    ...(route.access === "public" ? { security: [] } : {}),
    ...(route.access === "admin" ? { description: "Requires an admin's access token." } : {}),
    ...(route.access === "user" ? { description: "Requires an access token." } : {}),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: !route.bodyOptional,
            content: { "application/json": { schema: jsonSchema(route.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(routes: Route[] = v1Routes) {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
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
    servers: [{ url: API_PREFIX }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: { Problem: problem },
    },
  };
}
