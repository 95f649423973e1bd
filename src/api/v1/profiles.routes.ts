import { profileView, usernameParams } from "../../users/users.schemas";
import { routesOf } from "./routeSpec";

// The routes of profiles.handlers.ts, as data (see routeSpec.ts): people as readers see them,
// by handle. A banned user's profile is gone for everyone but admins. Follows are idempotent.
export const profilesRoutes = routesOf("./profiles.handlers", [
  {
    method: "GET",
    path: "/profiles/:username",
    handler: "getProfile",
    summary: "A profile by username (any case), with whether I follow it",
    access: "public",
    conditional: true,
    params: usernameParams,
    ok: { status: 200, description: "The profile", schema: profileView },
    errors: [404],
  },
  {
    method: "POST",
    path: "/profiles/:username/follow",
    handler: "followUser",
    summary: "Follow someone (again: no change; not yourself: 403)",
    access: "user",
    params: usernameParams,
    ok: { status: 200, description: "The profile, now followed", schema: profileView },
    errors: [404],
  },
  {
    method: "DELETE",
    path: "/profiles/:username/follow",
    handler: "unfollowUser",
    summary: "Stop following someone (not followed: no change)",
    access: "user",
    params: usernameParams,
    ok: { status: 200, description: "The profile, no longer followed", schema: profileView },
    errors: [404],
  },
]);
