import { z } from "zod";
import { id, pageQuery, text } from "../shared/schemas";

// Filters for the admin's audit trail view (REST query string and the getAuditLog query).
// Years outside 1-9999 are valid JavaScript dates but beyond what the query can carry.
const date = z.coerce.date<string | Date>({ error: "Must be an ISO 8601 date" }).refine((value) => {
  const year = value.getUTCFullYear();
  return year >= 1 && year <= 9999;
}, "Must be a date between the years 1 and 9999");

export const listAuditInput = pageQuery
  .extend({
    action: text().trim().min(1).max(64).optional().describe("e.g. auth.login_failed"),
    actorId: id.optional(),
    targetType: z.enum(["user", "post", "comment", "report"]).optional(),
    targetId: text().trim().min(1).max(64).optional(),
    from: date.optional().describe("Inclusive lower bound on createdAt"),
    to: date.optional().describe("Exclusive upper bound on createdAt"),
  })
  .refine((input) => !input.from || !input.to || input.from < input.to, {
    message: "`from` must be before `to`",
    path: ["from"],
  });
export type ListAuditInput = z.input<typeof listAuditInput>;

export const auditEntryView = z.object({
  id: z.number().int(),
  actorId: z.number().int().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  userAgent: z.string().nullable(),
  metadata: z.unknown(),
  createdAt: z.date(),
});

export const auditPage = z.object({
  items: z.array(auditEntryView),
  nextCursor: z.string().nullable(),
});
