import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { AppError } from "../shared/errors";
import { USERNAME_MAX, USERNAME_MIN } from "./users.schemas";

// Handles chosen for people who did not pick one (REST clients that predate handles): made from
// their name the way the migration made them for existing users, with _2, _3, … when taken.

function handleBase(seed: string) {
  const base = seed
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, USERNAME_MAX - 4);
  return base.length >= USERNAME_MIN ? base : `user_${base}`.replace(/_$/, "");
}

export async function availableUsername(db: PrismaClient, seed: string): Promise<string> {
  const base = handleBase(seed);
  for (let n = 1; n <= 20; n++) {
    const candidate = n === 1 ? base : `${base}_${n}`;
    if (!(await db.user.findUnique({ where: { username: candidate }, select: { id: true } }))) {
      return candidate;
    }
  }
  return `${base}_${randomBytes(2).toString("hex")}`;
}

export const usernameTakenError = () =>
  new AppError("CONFLICT", "This username is taken", [
    { field: "username", message: "This username is taken" },
  ]);

/** Refuses a handle someone else has (case does not matter). */
export async function requireFreeUsername(db: PrismaClient, username: string) {
  if (await db.user.findUnique({ where: { username }, select: { id: true } })) {
    throw usernameTakenError();
  }
}
