import { HttpError } from "wasp/server";
import type { AuthUser } from "wasp/auth";
import { classifyError } from "./errors";
import type { Viewer } from "./viewer";

// Runs a service call inside a Wasp operation, turning what classifyError knows (AppError, a
// row removed by a concurrent request) into the HttpError Wasp sends to the browser (status,
// message and field errors); anything else goes on to the server's error handler, which logs it
// and answers what classify says (500 or 503).
export async function asOperation<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const known = classifyError(error);
    if (known) throw new HttpError(known.status, known.message, { fieldErrors: known.fieldErrors });
    throw error;
  }
}

/** The signed-in browser user as the services' Viewer (null when signed out). */
export const viewerFrom = (user: AuthUser | undefined): Viewer | null =>
  user ? { id: user.id, role: user.role, bannedAt: user.bannedAt } : null;
