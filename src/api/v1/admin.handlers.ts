import { listAudit } from "../../audit/audit.service";
import { deps, viewerOf } from "./context";
import { rest, send } from "./route";

export const listAuditLog = rest(async (req, res) => {
  send(res, 200, await listAudit(viewerOf(res), req.query, deps()));
});
