import type { Role } from "@prisma/client";

// The first admins come from ADMIN_EMAILS (comma-separated). Listing an email promotes the
// account at sign-up or its next login; removing it demotes nobody (demote in /admin).
export function roleForEmail(email: string, adminEmails: string, current: Role = "USER"): Role {
  const admins = adminEmails
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  return admins.includes(email.toLowerCase()) ? "ADMIN" : current;
}
