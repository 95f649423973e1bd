import { prisma } from "wasp/server";
import type { GetAuditLog } from "wasp/server/operations";
import { asOperation, viewerFrom } from "../shared/wasp";
import * as auditService from "./audit.service";

// Argument type is what the browser sends; the service re-validates it with zod.
type AuditArgs =
  | {
      action?: string;
      actorId?: number;
      targetType?: "user" | "post" | "report";
      targetId?: string;
      from?: string | Date;
      to?: string | Date;
      cursor?: string;
      limit?: number;
    }
  | undefined;

export const getAuditLog: GetAuditLog<AuditArgs, auditService.AuditPage> = (args, context) =>
  asOperation(() => auditService.listAudit(viewerFrom(context.user), args, { db: prisma }));
