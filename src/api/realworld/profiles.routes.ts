import { routesOf } from "./routeSpec";

// Profiles and follows (see routeSpec.ts).
export const profilesRoutes = routesOf("./profiles.handlers", [
  {
    method: "GET",
    path: "/profiles/:username",
    handler: "getProfile",
    summary: "A profile, with whether the caller follows it",
    access: "public",
  },
  {
    method: "POST",
    path: "/profiles/:username/follow",
    handler: "followProfile",
    summary: "Follow (again: no change)",
    access: "user",
  },
  {
    method: "DELETE",
    path: "/profiles/:username/follow",
    handler: "unfollowProfile",
    summary: "Unfollow (again: no change)",
    access: "user",
  },
]);
