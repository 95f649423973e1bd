import { isDatabaseUnavailable } from "./databaseErrors";

// One error type for every service. Transports map it: Wasp operations to HttpError
// (src/shared/wasp.ts), the REST API to an application/problem+json body (src/server/problem.ts),
// the server's last error handler to either shape (src/app/setup.ts), all through classify.

export const statusOf = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  EMAIL_NOT_VERIFIED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof statusOf;

export const titleOf: Record<ErrorCode, string> = {
  BAD_REQUEST: "Bad request",
  VALIDATION_FAILED: "Validation failed",
  UNAUTHENTICATED: "Authentication required",
  FORBIDDEN: "Forbidden",
  EMAIL_NOT_VERIFIED: "Email address not verified",
  NOT_FOUND: "Not found",
  CONFLICT: "Conflict",
  PAYLOAD_TOO_LARGE: "Payload too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  UNPROCESSABLE: "Unprocessable request",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Internal server error",
  UNAVAILABLE: "Service unavailable",
};

export type FieldError = { field: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** What the error is about ("post", "comment", "user"), for transports that name it. */
    readonly subject?: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return statusOf[this.code];
  }
}

export const notFound = (what: string) =>
  new AppError("NOT_FOUND", `${what} not found`, [], what.toLowerCase());
export const forbidden = (why: string, subject?: string) =>
  new AppError("FORBIDDEN", why, [], subject);

/** The code (P2002, P2025, …) of a Prisma request error, else undefined. */
export function prismaCode(error: unknown): string | undefined {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  return name === "PrismaClientKnownRequestError" && typeof code === "string" ? code : undefined;
}

/**
 * A `.catch()` for a write to a row another request may have removed since it was checked
 * (Prisma's P2025): the same 404 the check would have given.
 */
export const orNotFound =
  (what: string) =>
  (error: unknown): never => {
    throw prismaCode(error) === "P2025" ? notFound(what) : error;
  };

/**
 * What every transport answers for a thrown value: the AppError it stands for, or undefined
 * when it is unexpected (a bug or an outage), which each transport logs and answers 500/503.
 * REST (src/server/problem.ts) and the Wasp operations (src/shared/wasp.ts) both call this.
 */
export function classifyError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  // Prisma errors that two requests racing for one row produce: the row this one meant to
  // change or point to was removed by the other (P2025, P2003), or the other created it first
  // (P2002). They say what became of the record, not that the server failed; services that
  // know better words catch them first.
  switch (prismaCode(error)) {
    case "P2025":
      return new AppError("NOT_FOUND", "Not found: it may have just been deleted");
    case "P2003":
      return new AppError("NOT_FOUND", "Something this refers to no longer exists");
    case "P2002":
      return new AppError("CONFLICT", "This already exists");
    default:
      return undefined;
  }
}

/** An error Express or a body parser raised for the request itself (status 4xx, e.g. a URIError). */
function requestError(error: unknown): AppError | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== "number" || status < 400 || status >= 500) return undefined;
  if (status === 413) return new AppError("PAYLOAD_TOO_LARGE", "The request is too large");
  if (status === 415) {
    return new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
  }
  return new AppError(
    "BAD_REQUEST",
    "The request is malformed (e.g. broken %-encoding in the path)",
  );
}

/**
 * What to answer for any thrown value, whichever transport: what classifyError knows, a request
 * Express refused (4xx), a database that is down or restarting (UNAVAILABLE: worth a retry), else
 * INTERNAL (a bug). The last two (status >= 500) are the ones to log; their messages say nothing
 * of the cause.
 */
export function classify(error: unknown): AppError {
  return (
    classifyError(error) ??
    requestError(error) ??
    (isDatabaseUnavailable(error)
      ? new AppError("UNAVAILABLE", "The service is briefly unavailable. Please retry shortly.")
      : new AppError("INTERNAL", "Something went wrong on our side. Please try again."))
  );
}
