import { adminRoutes } from "./admin.routes";
import { authRoutes } from "./auth.routes";
import { commentsRoutes } from "./comments.routes";
import { docsRoutes } from "./docs.routes";
import { favoritesRoutes } from "./favorites.routes";
import { postsRoutes } from "./posts.routes";
import { profilesRoutes } from "./profiles.routes";
import type { Route } from "./routeSpec";
import { searchRoutes } from "./search.routes";
import { tagsRoutes } from "./tags.routes";
import { usersRoutes } from "./users.routes";

// Every route of /api/v1, in the order Express tries them: the feed, the hottest, comes first.
// Where two paths could match one URL, the one with a fixed segment comes before the one with
// a parameter there (GET /posts/by-slug/comments is a slug, not post "by-slug"'s comments);
// openapi.test.ts checks that. v1.wasp.ts declares them, openapi.ts documents them,
// middleware.ts limits the sign-in ones.
export const v1Routes: Route[] = [
  ...postsRoutes,
  ...tagsRoutes,
  ...favoritesRoutes,
  ...commentsRoutes,
  ...profilesRoutes,
  ...searchRoutes,
  ...authRoutes,
  ...usersRoutes,
  ...adminRoutes,
  ...docsRoutes,
];
