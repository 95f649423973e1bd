import { idParams } from "../../shared/schemas";
import * as users from "../../users/users.service";
import { deps, viewerOf } from "./context";
import { parse, rest, send } from "./route";

export const listUsers = rest(async (req, res) => {
  send(res, 200, await users.listUsers(viewerOf(res), req.query, deps(req, res)));
});

export const getUser = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  send(res, 200, await users.getUser(viewerOf(res), id, deps(req, res)));
});

export const updateUser = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  send(res, 200, await users.updateUser(viewerOf(res), id, req.body, deps(req, res)));
});

export const deleteUser = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  await users.deleteUser(viewerOf(res), id, deps(req, res));
  res.status(204).end();
});
