import type { Request } from "express";

// The one test of "is this a REST API request?", for every answer whose shape depends on it
// (problem+json for the API, Wasp's { message } for the web app). The original URL, so it holds
// in any router; any case, as Express matches routes.
const API_PATH = /^\/api\/v1(?:[/?]|$)/i;

export const isApiRequest = (req: Pick<Request, "originalUrl">): boolean =>
  API_PATH.test(req.originalUrl);
