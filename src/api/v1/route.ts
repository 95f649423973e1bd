import type { Request, Response } from "express";
import type { z } from "zod";
import { parseInput } from "../../shared/validation";
import { idParams, plainIdParam } from "../../shared/schemas";
import { sendProblem } from "../../server/problem";

// Wraps a REST handler: any thrown error becomes the API's problem body, never a crash or an
// HTML error page.
export function rest(handler: (req: Request, res: Response) => Promise<void>) {
  // Wasp passes a third `context` argument; these handlers take what they need from wasp/server.
  return async (req: Request, res: Response, _context?: unknown) => {
    try {
      await handler(req, res);
    } catch (error) {
      sendProblem(req, res, error);
    }
  };
}

/** Parses path parameters or the query string with a route's schema (400 on failure). */
export const parse = <S extends z.ZodType>(schema: S, input: unknown): z.infer<S> =>
  parseInput(schema, input);

/** `{ id }` path parameters (idParams): a plain id without zod, anything else through it. */
export const parseId = (params: unknown): { id: number } => {
  const id = plainIdParam(params);
  return id === undefined ? parse(idParams, params) : { id };
};

/** JSON that the client reads as the API defines it (dates as ISO strings). */
export function send(res: Response, status: number, body: unknown) {
  res.status(status).json(body);
}
