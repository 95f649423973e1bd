import type { Prisma, Role } from "@prisma/client";

// The first admins come from ADMIN_EMAILS (comma-separated). Listing an address promotes its
// account once the address is verified (the emailed link, a password reset, or any later login
// of a verified account); removing it demotes nobody (demote in /admin).
export function roleForEmail(email: string, adminEmails: string, current: Role = "USER"): Role {
  const admins = adminEmails
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  return admins.includes(email.toLowerCase()) ? "ADMIN" : current;
}

/**
 * Makes a listed address's account an admin, inside the caller's transaction. Only a verified
 * address counts: an unverified one may belong to someone who registered another's address.
 * Returns the role the account has now.
 */
export async function promoteIfListed(
  tx: Prisma.TransactionClient,
  user: { id: number; email: string; role: Role },
  { adminEmails, verified }: { adminEmails: string; verified: boolean },
): Promise<Role> {
  const role = verified ? roleForEmail(user.email, adminEmails, user.role) : user.role;
  if (role !== user.role) await tx.user.update({ where: { id: user.id }, data: { role } });
  return role;
}
