import type { Request, Response } from "express";
import { AppError } from "../../shared/errors";
import { sendRealWorldError } from "../../server/realworldErrors";
import type { Viewer } from "../../shared/viewer";
import { principalOf, type Principal } from "./context";
import type { RealWorldRoute, RealWorldRouteDescription } from "./routeSpec";

// Builds the RealWorld handlers from their route descriptions: the token a route requires, the
// envelope its body comes in and the fields the spec requires there are checked here, once;
// the handler then only translates between RealWorld's words and a service call. Every error
// leaves in RealWorld's shape, with the services' field names spelled the RealWorld way.

type Fields = Record<string, unknown>;

export type Call = {
  req: Request;
  res: Response;
  viewer: Viewer | null;
  /** Set on routes with access "user". */
  principal: Principal | undefined;
  /** What the body's envelope holds ({} for routes without a body). */
  input: Fields;
};

// The services' names for what RealWorld calls otherwise.
const REALWORLD_FIELD: Record<string, string> = { content: "body", tags: "tagList" };

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

const isFields = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const invalid = (errors: { field: string; message: string }[]) =>
  new AppError("VALIDATION_FAILED", "Invalid input", errors);

/** The envelope's content, with every field the spec requires present and not blank. */
function unwrap(body: unknown, { envelope, required = [] }: NonNullable<RealWorldRoute["body"]>) {
  const content = isFields(body) ? body[envelope] : undefined;
  if (!isFields(content)) {
    const message = content === undefined ? "can't be blank" : "must be an object";
    throw invalid([{ field: envelope, message }]);
  }
  const blank = required.filter((field) => isBlank(content[field]));
  if (blank.length > 0) throw invalid(blank.map((field) => ({ field, message: "can't be blank" })));
  return content;
}

/**
 * A service's invalid input in RealWorld's words: its field under RealWorld's name ("tags.0" is
 * the tagList), "can't be blank" where what was sent is missing, null or empty, the service's
 * message otherwise.
 */
function inRealWorldTerms(error: unknown, sent: Fields, envelope?: string): unknown {
  if (!(error instanceof AppError) || error.code !== "VALIDATION_FAILED") return error;
  const fieldErrors = error.fieldErrors.map(({ field, message }) => {
    const top = field.split(".")[0] ?? field;
    if (top === "(root)") return { field: envelope ?? "request", message };
    const name = REALWORLD_FIELD[top] ?? top;
    return { field: name, message: isBlank(sent[name]) ? "can't be blank" : message };
  });
  return new AppError(error.code, error.message, fieldErrors, error.subject);
}

/** `on(name, handler)`: the handler of the route of `routes` that names it. */
export function handlersOf(routes: RealWorldRoute[]) {
  return (name: string, handler: (call: Call) => Promise<void>) => {
    const found = routes.find((candidate) => candidate.handler === name);
    if (!found) throw new Error(`No RealWorld route is served by ${name}`);
    const route: RealWorldRouteDescription = found;
    // Wasp passes a third `context` argument; these handlers take what they need from deps().
    return async (req: Request, res: Response, _context?: unknown) => {
      try {
        const principal = principalOf(res);
        // A token that was sent but did not hold was answered by the namespace middleware.
        if (route.access === "user" && !principal) {
          throw new AppError("UNAUTHENTICATED", "is missing");
        }
        const input = route.body ? unwrap(req.body, route.body) : {};
        const sent = { ...req.params, ...(req.query as Fields), ...input };
        await handler({ req, res, viewer: principal?.viewer ?? null, principal, input }).catch(
          (error: unknown) => {
            throw inRealWorldTerms(error, sent, route.body?.envelope);
          },
        );
      } catch (error) {
        sendRealWorldError(req, res, error);
      }
    };
  };
}

/** The signed-in caller of a route with access "user" (handlersOf made sure of it). */
export function signedIn(call: Call): Principal {
  if (!call.principal) throw new AppError("UNAUTHENTICATED", "is missing");
  return call.principal;
}

/** Only the fields a service takes, under its names: RealWorld clients send whole objects. */
export function pick(input: Fields, names: Record<string, string>): Fields {
  const picked: Fields = {};
  for (const [from, to] of Object.entries(names)) {
    if (input[from] !== undefined) picked[to] = input[from];
  }
  return picked;
}

/** The :slug of the article a route names. */
export const slugOf = (req: Request): string =>
  typeof req.params.slug === "string" ? req.params.slug : "";
