import { query } from "@wasp.sh/spec";
import { getAuditLog } from "./operations" with { type: "ref" };

export const auditSpec = [query(getAuditLog, { entities: ["AuditLog"] })];
