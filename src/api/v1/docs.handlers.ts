import type { Request, Response } from "express";
import { buildOpenApiDocument } from "./openapi";

let document: string | undefined;

export function openApiDocument(_req: Request, res: Response, _context?: unknown) {
  document ??= JSON.stringify(buildOpenApiDocument());
  res.type("application/json").send(document);
}
