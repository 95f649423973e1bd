import type { Request } from "express";

// The one test of "is this a REST API request?", for every answer whose shape depends on it
// (problem+json for the API, Wasp's { message } for the web app). The path Express routed by
// (the mount plus the rest, so it holds in any router), not the request line: an absolute-form
// request line ("PUT http://host/api/v1/…") is routed to the API too. Any case, as Express
// matches routes.
const API_PATH = /^\/api\/v1(?:\/|$)/i;

export const isApiRequest = (req: Pick<Request, "baseUrl" | "path">): boolean =>
  API_PATH.test(`${req.baseUrl}${req.path}`);
