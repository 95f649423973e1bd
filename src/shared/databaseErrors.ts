// Which errors come from the database, and which of those mean it is unreachable. Plain code
// (no server libraries), so src/shared/errors.ts can use it wherever it is imported.

/** True for errors raised by Prisma or the pg driver (as opposed to bugs in our code). */
export function isDatabaseError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? "";
  const code = (error as { code?: unknown } | null)?.code;
  return (
    name.startsWith("PrismaClient") ||
    name === "DriverAdapterError" ||
    // Prisma's P1xxx/P2xxx codes and PostgreSQL SQLSTATEs (e.g. 42P01, 57P01, 08006).
    (typeof code === "string" && /^(P\d{4}|(\d\d|HV|P0|XX|F0)[0-9A-Z]{3})$/.test(code))
  );
}

// Connection-level failures (the database is down, restarting or unreachable), as opposed to a
// bad query: the request may succeed if retried, so they are answered 503, not 500.
const UNAVAILABLE = new RegExp(
  [
    "ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|DatabaseNotReachable",
    "Can't reach database|server closed the connection|terminating connection",
    "not currently accepting connections|the database system is (starting up|shutting down)",
    "too many clients|57P0[1-3]|0800[0-6]|53300|P1001|P1002|P1017",
  ].join("|"),
  "i",
);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!isDatabaseError(error) && !(error instanceof Error)) return false;
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const { name, message, code, cause } = e as {
      name?: string;
      message?: string;
      code?: unknown;
      cause?: unknown;
    };
    parts.push(String(name ?? ""), String(message ?? ""), String(code ?? ""));
    e = cause;
  }
  return UNAVAILABLE.test(parts.join(" "));
}
