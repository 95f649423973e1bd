import { z } from "zod";
import { idParams } from "../../shared/schemas";
import {
  listUsersInput,
  publicUserView,
  updateUserInput,
  userPage,
  userView,
} from "../../users/users.schemas";
import { routesOf } from "./routeSpec";

// The routes of users.handlers.ts, as data (see routeSpec.ts).
export const usersRoutes = routesOf("./users.handlers", [
  {
    method: "GET",
    path: "/users",
    handler: "listUsers",
    summary: "List and search users, newest first (admins)",
    access: "admin",
    query: listUsersInput,
    ok: { status: 200, description: "A page of users", schema: userPage },
  },
  {
    method: "GET",
    path: "/users/:id",
    handler: "getUser",
    summary: "A user's profile: public fields, or all fields for the user themselves and admins",
    access: "public",
    params: idParams,
    ok: { status: 200, description: "The user", schema: z.union([userView, publicUserView]) },
    errors: [404],
  },
  {
    method: "PUT",
    path: "/users/:id",
    handler: "updateUser",
    summary: "Change a name (self or admin) or a role (admins, not on themselves)",
    access: "user",
    params: idParams,
    body: updateUserInput,
    ok: { status: 200, description: "The updated user", schema: userView },
    errors: [404, 409],
  },
  {
    method: "DELETE",
    path: "/users/:id",
    handler: "deleteUser",
    summary: "Delete an account and all its posts (self or admin)",
    access: "user",
    params: idParams,
    ok: { status: 204, description: "Deleted" },
    errors: [404, 409],
  },
]);
