import type { Request, Response } from "express";
import { isRealWorldRequest } from "../shared/apiRequest";
import { sendProblem } from "./problem";
import { sendRealWorldError } from "./realworldErrors";

/** An error from code both REST doors run (limits, body parsing), in the shape of the door. */
export function sendApiError(req: Request, res: Response, error: unknown) {
  if (isRealWorldRequest(req)) sendRealWorldError(req, res, error);
  else sendProblem(req, res, error);
}
