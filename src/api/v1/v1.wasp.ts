import { api, apiNamespace } from "@wasp.sh/spec";
import {
  authRouteMiddleware,
  noRouteMiddleware,
  v1Middleware,
} from "./middleware" with { type: "ref" };
import {
  changePassword,
  login,
  logout,
  refresh,
  register,
} from "./auth.handlers" with { type: "ref" };
import { deleteUser, getUser, listUsers, updateUser } from "./users.handlers" with { type: "ref" };
import {
  createPost,
  deletePost,
  getPost,
  listPosts,
  updatePost,
} from "./posts.handlers" with { type: "ref" };
import { openApiDocument } from "./docs.handlers" with { type: "ref" };
import { listAuditLog } from "./admin.handlers" with { type: "ref" };

// The REST API for non-browser clients. Wasp's session auth is off here (`auth: false`):
// the namespace middleware authenticates JWT access tokens instead. Every route below must
// also be described in openapi.ts (a test compares the two). The namespace middleware already
// ran Wasp's global stack (adjusted) for the whole prefix, so routes add none of their own.
const open = { auth: false, middlewareConfigFn: noRouteMiddleware } as const;
const signIn = { auth: false, middlewareConfigFn: authRouteMiddleware } as const;

export const v1Spec = [
  apiNamespace("/api/v1", { middlewareConfigFn: v1Middleware }),
  // Express tries routes in this order: the feed, the hottest, comes first.
  api("GET", "/api/v1/posts", listPosts, open),
  api("POST", "/api/v1/posts", createPost, open),
  api("GET", "/api/v1/posts/:id", getPost, open),
  api("PUT", "/api/v1/posts/:id", updatePost, open),
  api("DELETE", "/api/v1/posts/:id", deletePost, open),
  api("POST", "/api/v1/auth/register", register, signIn),
  api("POST", "/api/v1/auth/login", login, signIn),
  api("POST", "/api/v1/auth/logout", logout, open),
  api("POST", "/api/v1/auth/refresh", refresh, signIn),
  api("POST", "/api/v1/auth/password", changePassword, signIn),
  api("GET", "/api/v1/users", listUsers, open),
  api("GET", "/api/v1/users/:id", getUser, open),
  api("PUT", "/api/v1/users/:id", updateUser, open),
  api("DELETE", "/api/v1/users/:id", deleteUser, open),
  api("GET", "/api/v1/admin/audit", listAuditLog, open),
  api("GET", "/api/v1/openapi.json", openApiDocument, open),
];
