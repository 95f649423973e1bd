import { auditPage, listAuditInput } from "../../audit/audit.schemas";
import { routesOf } from "./routeSpec";

// The routes of admin.handlers.ts, as data (see routeSpec.ts).
export const adminRoutes = routesOf("./admin.handlers", [
  {
    method: "GET",
    path: "/admin/audit",
    handler: "listAuditLog",
    summary: "The audit trail, newest first: who did what, filtered and paged (admins)",
    access: "admin",
    query: listAuditInput,
    ok: { status: 200, description: "A page of audit entries", schema: auditPage },
  },
]);
