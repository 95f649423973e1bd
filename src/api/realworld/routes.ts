import { articlesRoutes } from "./articles.routes";
import { commentsRoutes } from "./comments.routes";
import { profilesRoutes } from "./profiles.routes";
import type { RealWorldRoute } from "./routeSpec";
import { tagsRoutes } from "./tags.routes";
import { usersRoutes } from "./users.routes";

// Every route of the RealWorld door, in the order Express tries them: the article list, the
// hottest, comes first. realworld.wasp.ts declares them, middleware.ts limits the sign-in ones.
export const realworldRoutes: RealWorldRoute[] = [
  ...articlesRoutes,
  ...commentsRoutes,
  ...tagsRoutes,
  ...profilesRoutes,
  ...usersRoutes,
];
