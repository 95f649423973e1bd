import { api, apiNamespace, ref } from "@wasp.sh/spec";
import {
  authRouteMiddleware,
  noRouteMiddleware,
  v1Middleware,
} from "./middleware" with { type: "ref" };
import { API_PREFIX } from "./routeSpec";
import { v1Routes } from "./routes";

// The REST API for non-browser clients, declared from the route descriptions (routes.ts), the
// same ones openapi.ts documents. Wasp's session auth is off here (`auth: false`): the namespace
// middleware authenticates JWT access tokens instead. It already ran Wasp's global stack
// (adjusted) for the whole prefix, so routes add none of their own, except the per-account
// sign-in limit, which reads the parsed body.
const open = { auth: false, middlewareConfigFn: noRouteMiddleware } as const;
const signIn = { auth: false, middlewareConfigFn: authRouteMiddleware } as const;

export const v1Spec = [
  apiNamespace(API_PREFIX, { middlewareConfigFn: v1Middleware }),
  ...v1Routes.map((route) =>
    api(
      route.method,
      `${API_PREFIX}${route.path}`,
      ref({ import: route.handler, from: route.module }),
      route.signIn ? signIn : open,
    ),
  ),
];
