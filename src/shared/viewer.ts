import type { Role } from "@prisma/client";
import { AppError } from "./errors";

// Who is asking: the signed-in user of a Wasp operation or the subject of a REST access token.
// Services decide what a viewer may see and do; transports only find out who the viewer is.
export type Viewer = { id: number; role: Role; bannedAt: Date | null };

export const isAdmin = (viewer: Viewer | null | undefined) => viewer?.role === "ADMIN";

export function requireViewer(viewer: Viewer | null | undefined): Viewer {
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Sign in to do this");
  return viewer;
}

/** A signed-in viewer who is not banned: the bar for writing anything. */
export function requireActiveViewer(viewer: Viewer | null | undefined): Viewer {
  const active = requireViewer(viewer);
  if (active.bannedAt) throw new AppError("FORBIDDEN", "Your account is suspended");
  return active;
}

export function requireAdmin(viewer: Viewer | null | undefined): Viewer {
  const admin = requireViewer(viewer);
  if (admin.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only admins can do this");
  return admin;
}
