import { z } from "zod";
import {
  changePasswordInput,
  loginInput,
  logoutInput,
  refreshInput,
  registerInput,
  tokenPair,
} from "../../auth/auth.schemas";
import { userView } from "../../users/users.schemas";
import { routesOf } from "./routeSpec";

// The routes of auth.handlers.ts, as data (see routeSpec.ts).

const emailVerified = z
  .boolean()
  .describe("Whether the address is verified (EMAIL_VERIFICATION decides what may act before)");
const session = z.object({ user: userView, emailVerified }).extend(tokenPair.shape);
// With EMAIL_VERIFICATION=required an unverified account gets no tokens until it verifies.
const registration = z.object({ user: userView, emailVerified }).extend(tokenPair.partial().shape);

export const authRoutes = routesOf("./auth.handlers", [
  {
    method: "POST",
    path: "/auth/register",
    handler: "register",
    summary:
      "Create an account; a verification email is sent. Tokens come at once where verification " +
      "is optional (or skipped in development), else after verifying, from /auth/login",
    access: "public",
    signIn: true,
    body: registerInput,
    ok: {
      status: 201,
      description: "The new user, and a token pair when the account may act already",
      schema: registration,
    },
    errors: [409],
  },
  {
    method: "POST",
    path: "/auth/login",
    handler: "login",
    summary: "Sign in with email and password (the same account as the web app)",
    access: "public",
    signIn: true,
    body: loginInput,
    ok: { status: 200, description: "The user and a new token pair", schema: session },
  },
  {
    method: "POST",
    path: "/auth/logout",
    handler: "logout",
    summary: "Revoke the refresh token family of this session (or of the given refresh token)",
    access: "user",
    body: logoutInput,
    bodyOptional: true,
    ok: { status: 204, description: "Signed out; the access token stops working at once" },
  },
  {
    method: "POST",
    path: "/auth/refresh",
    handler: "refresh",
    summary: "Trade a refresh token for a new pair (the old refresh token is spent)",
    access: "public",
    signIn: true,
    body: refreshInput,
    ok: { status: 200, description: "A new token pair", schema: tokenPair },
  },
  {
    method: "POST",
    path: "/auth/password",
    handler: "changePassword",
    summary: "Change the password; every other session (web and REST) ends, this one stays",
    access: "user",
    signIn: true,
    body: changePasswordInput,
    ok: { status: 204, description: "Changed" },
  },
]);
