import * as admin from "./admin.handlers";
import * as auth from "./auth.handlers";
import * as comments from "./comments.handlers";
import * as docs from "./docs.handlers";
import * as favorites from "./favorites.handlers";
import * as posts from "./posts.handlers";
import * as profiles from "./profiles.handlers";
import * as search from "./search.handlers";
import * as tags from "./tags.handlers";
import * as users from "./users.handlers";
import type { HandlerModules } from "../../server/directRoutes";

// The handler modules of /api/v1 by the name its routes give them (Route.module), for the
// namespace's own dispatch (src/server/directRoutes.ts); v1.wasp.ts hands Wasp the same
// modules by reference. A route naming a module or export missing here fails the server's
// start (and directRoutes.test.ts).
export const v1Handlers: HandlerModules = {
  "./admin.handlers": admin,
  "./auth.handlers": auth,
  "./comments.handlers": comments,
  "./docs.handlers": docs,
  "./favorites.handlers": favorites,
  "./posts.handlers": posts,
  "./profiles.handlers": profiles,
  "./search.handlers": search,
  "./tags.handlers": tags,
  "./users.handlers": users,
};
