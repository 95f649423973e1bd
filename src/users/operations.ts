import { prisma } from "wasp/server";
import { feedCache } from "../cache";
import type { GetUser, GetUsers, UpdateUser } from "wasp/server/operations";
import { idParams } from "../shared/schemas";
import { parseInput } from "../shared/validation";
import { asOperation, viewerFrom } from "../shared/wasp";
import type { PublicUserView, UserView } from "./users.schemas";
import * as users from "./users.service";

type UserPage = { items: UserView[]; nextCursor: string | null };

export const getUser: GetUser<{ id: number }, UserView | PublicUserView> = (args, context) =>
  asOperation(() =>
    users.getUser(viewerFrom(context.user), parseInput(idParams, args).id, { db: prisma }),
  );

/** Admins only (the service checks): the searchable user list of /admin. */
export const getUsers: GetUsers<{ q?: string; cursor?: string } | undefined, UserPage> = (
  args,
  context,
) => asOperation(() => users.listUsers(viewerFrom(context.user), args ?? {}, { db: prisma }));

export const updateUser: UpdateUser<{ id: number; name?: string }, UserView> = (args, context) =>
  asOperation(() => {
    const { id, ...changes } = args ?? ({} as { id: number });
    return users.updateUser(viewerFrom(context.user), parseInput(idParams, { id }).id, changes, {
      db: prisma,
      cache: feedCache(),
    });
  });
