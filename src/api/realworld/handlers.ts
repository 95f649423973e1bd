import * as articles from "./articles.handlers";
import * as comments from "./comments.handlers";
import * as profiles from "./profiles.handlers";
import * as tags from "./tags.handlers";
import * as users from "./users.handlers";
import type { HandlerModules } from "../../server/directRoutes";

// The RealWorld door's handler modules by the name its routes give them (RealWorldRoute.module),
// for the namespace's own dispatch (src/server/directRoutes.ts); realworld.wasp.ts hands Wasp
// the same modules by reference.
export const realworldHandlers: HandlerModules = {
  "./articles.handlers": articles,
  "./comments.handlers": comments,
  "./profiles.handlers": profiles,
  "./tags.handlers": tags,
  "./users.handlers": users,
};
