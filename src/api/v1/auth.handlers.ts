import * as auth from "../../auth/auth.service";
import { changePassword as changeOwnPassword } from "../../auth/password.service";
import { refreshTokens } from "../../auth/tokens.service";
import { refreshInput } from "../../auth/auth.schemas";
import { deps, requirePrincipal } from "./context";
import { parse, rest, send } from "./route";

export const register = rest(async (req, res) => {
  send(res, 201, await auth.register(req.body, deps()));
});

export const login = rest(async (req, res) => {
  send(res, 200, await auth.login(req.body, deps()));
});

export const logout = rest(async (req, res) => {
  const { viewer, familyId } = requirePrincipal(res);
  await auth.logout(viewer, familyId, req.body, deps());
  res.status(204).end();
});

export const refresh = rest(async (req, res) => {
  const { refreshToken } = parse(refreshInput, req.body);
  send(res, 200, await refreshTokens(refreshToken, deps()));
});

/** Ends every other session (browser and REST); this token's family stays signed in. */
export const changePassword = rest(async (req, res) => {
  const { viewer, familyId } = requirePrincipal(res);
  await changeOwnPassword(viewer, req.body, { familyId }, deps());
  res.status(204).end();
});
