import { routesOf } from "./routeSpec";

// Sign-up, login and one's own account (see routeSpec.ts).
export const usersRoutes = routesOf("./users.handlers", [
  {
    method: "POST",
    path: "/users",
    handler: "register",
    summary: "Register; the answer carries a token (see README for EMAIL_VERIFICATION)",
    access: "public",
    signIn: true,
    body: { envelope: "user", required: ["username", "email", "password"] },
  },
  {
    method: "POST",
    path: "/users/login",
    handler: "login",
    summary: "Log in with email and password",
    access: "public",
    signIn: true,
    body: { envelope: "user", required: ["email", "password"] },
  },
  {
    method: "GET",
    path: "/user",
    handler: "getCurrentUser",
    summary: "The signed-in user, with the token presented",
    access: "user",
  },
  {
    method: "PUT",
    path: "/user",
    handler: "updateCurrentUser",
    summary: "Change email, username, bio, image or password (other sessions end)",
    access: "user",
    body: { envelope: "user" },
  },
]);
