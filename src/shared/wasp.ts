import { HttpError } from "wasp/server";
import type { AuthUser } from "wasp/auth";
import { AppError } from "./errors";
import type { Viewer } from "./viewer";

// Runs a service call inside a Wasp operation, turning AppError into the HttpError Wasp
// sends to the browser (status, message and field errors); anything else stays a 500.
export async function asOperation<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) {
      throw new HttpError(error.status, error.message, { fieldErrors: error.fieldErrors });
    }
    throw error;
  }
}

/** The signed-in browser user as the services' Viewer (null when signed out). */
export const viewerFrom = (user: AuthUser | undefined): Viewer | null =>
  user ? { id: user.id, role: user.role, bannedAt: user.bannedAt } : null;
