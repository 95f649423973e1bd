import { getAccount, updateAccount } from "../../auth/account.service";
import * as auth from "../../auth/auth.service";
import { deps } from "./context";
import { handlersOf, pick, signedIn } from "./route";
import { usersRoutes } from "./users.routes";
import { userOf } from "./views";

const on = handlersOf(usersRoutes);

// A RealWorld user carries the token it acts with: a new one at sign-up and login (with this
// door's lifetime), the one presented afterwards.
export const register = on("register", async ({ res, input }) => {
  const fields = pick(input, { username: "username", email: "email", password: "password" });
  // RealWorld clients expect a token from sign-up, even one that cannot act yet.
  const session = await auth.register(fields, deps(), { tokensBeforeVerification: true });
  res.status(201).json({ user: userOf(session.user, tokenOf(session)) });
});

export const login = on("login", async ({ res, input }) => {
  const session = await auth.login(pick(input, { email: "email", password: "password" }), deps());
  res.json({ user: userOf(session.user, session.accessToken) });
});

export const getCurrentUser = on("getCurrentUser", async (call) => {
  const { viewer, token } = signedIn(call);
  call.res.json({ user: userOf(await getAccount(viewer, deps()), token) });
});

// A new password ends every other session and keeps this one: the token presented still works.
export const updateCurrentUser = on("updateCurrentUser", async (call) => {
  const { viewer, familyId, token } = signedIn(call);
  const fields = pick(call.input, {
    email: "email",
    username: "username",
    bio: "bio",
    image: "image",
    password: "password",
  });
  const user = await updateAccount(viewer, fields, { familyId }, deps());
  call.res.json({ user: userOf(user, token) });
});

function tokenOf(session: object): string {
  if (!("accessToken" in session) || typeof session.accessToken !== "string") {
    throw new Error("register issued no token");
  }
  return session.accessToken;
}
