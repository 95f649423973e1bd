import type { GetAuditLog } from "wasp/server/operations";
import { serviceDeps } from "../server/serviceDeps";
import { asOperation, viewerFrom } from "../shared/wasp";
import type { ListAuditInput } from "./audit.schemas";
import * as auditService from "./audit.service";

export const getAuditLog: GetAuditLog<ListAuditInput | undefined, auditService.AuditPage> = (
  args,
  context,
) => asOperation(() => auditService.listAudit(viewerFrom(context.user), args, serviceDeps()));
