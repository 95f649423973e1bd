import type { z } from "zod";
import type { GetUser, GetUsers, UpdateUser } from "wasp/server/operations";
import { serviceDeps } from "../server/serviceDeps";
import { idParams } from "../shared/schemas";
import { parseInput } from "../shared/validation";
import { asOperation, viewerFrom } from "../shared/wasp";
import type { ListUsersInput, PublicUserView, UpdateUserInput, UserView } from "./users.schemas";
import * as users from "./users.service";

// Argument types are the schemas' inputs; the service validates with those same schemas.
type IdArgs = z.input<typeof idParams>;
type UserPage = { items: UserView[]; nextCursor: string | null };

export const getUser: GetUser<IdArgs, UserView | PublicUserView> = (args, context) =>
  asOperation(() =>
    users.getUser(viewerFrom(context.user), parseInput(idParams, args).id, serviceDeps()),
  );

/** Admins only (the service checks): the searchable user list of /admin. */
export const getUsers: GetUsers<ListUsersInput | undefined, UserPage> = (args, context) =>
  asOperation(() => users.listUsers(viewerFrom(context.user), args ?? {}, serviceDeps()));

export const updateUser: UpdateUser<IdArgs & UpdateUserInput, UserView> = (args, context) =>
  asOperation(() => {
    const { id, ...changes } = args ?? ({} as IdArgs);
    const userId = parseInput(idParams, { id }).id;
    return users.updateUser(viewerFrom(context.user), userId, changes, serviceDeps());
  });
