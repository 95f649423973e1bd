import { idParams } from "../../shared/schemas";
import * as users from "../../users/users.service";
import { deps, viewerOf } from "./context";
import { parse, rest, send } from "./route";

export const listUsers = rest(async (req, res) => {
  send(res, 200, await users.listUsers(viewerOf(res), req.query, deps()));
});

export const getUser = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  send(res, 200, await users.getUser(viewerOf(res), id, deps()));
});

export const updateUser = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  send(res, 200, await users.updateUser(viewerOf(res), id, req.body, deps()));
});

export const deleteUser = rest(async (req, res) => {
  const { id } = parse(idParams, req.params);
  await users.deleteUser(viewerOf(res), id, deps());
  res.status(204).end();
});
