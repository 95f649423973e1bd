import { z } from "zod";
import { routesOf } from "./routeSpec";

// The routes of docs.handlers.ts, as data (see routeSpec.ts).
const openApi = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

export const docsRoutes = routesOf("./docs.handlers", [
  {
    method: "GET",
    path: "/openapi.json",
    handler: "openApiDocument",
    summary: "This document",
    access: "public",
    ok: { status: 200, description: "OpenAPI 3.1 document", schema: openApi },
  },
]);
