import { adminRoutes } from "./admin.routes";
import { authRoutes } from "./auth.routes";
import { docsRoutes } from "./docs.routes";
import { postsRoutes } from "./posts.routes";
import type { Route } from "./routeSpec";
import { usersRoutes } from "./users.routes";

// Every route of /api/v1, in the order Express tries them: the feed, the hottest, comes first.
// v1.wasp.ts declares them, openapi.ts documents them, middleware.ts limits the sign-in ones.
export const v1Routes: Route[] = [
  ...postsRoutes,
  ...authRoutes,
  ...usersRoutes,
  ...adminRoutes,
  ...docsRoutes,
];
