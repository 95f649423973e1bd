import type { Request } from "express";

// The one test of "which door is this request for?", for every answer whose shape depends on
// it: problem+json for /api/v1, RealWorld's { errors } for the rest of /api, Wasp's { message }
// for the web app. The path Express routed by (the mount plus the rest, so it holds in any
// router), not the request line: an absolute-form request line ("PUT http://host/api/v1/…") is
// routed to the API too. Any case, as Express matches routes.
const API_PATH = /^\/api\/v1(?:\/|$)/i;
const REALWORLD_PATH = /^\/api(?:\/|$)/i;

type Routed = Pick<Request, "baseUrl" | "path">;

export const isApiRequest = (req: Routed): boolean => API_PATH.test(`${req.baseUrl}${req.path}`);

/** Under /api but not /api/v1: the RealWorld door. */
export const isRealWorldRequest = (req: Routed): boolean => {
  const path = `${req.baseUrl}${req.path}`;
  return REALWORLD_PATH.test(path) && !API_PATH.test(path);
};
