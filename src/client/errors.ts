// Reading errors thrown by Wasp's client (operations and auth). They carry the HTTP status and
// the server's JSON body ({ message, data }) as `.data`; the useful detail is often in there.
type WireBody = { message?: unknown; data?: { message?: unknown; fieldErrors?: unknown } };

const bodyOf = (error: unknown): WireBody | undefined =>
  error && typeof error === "object"
    ? ((error as { data?: WireBody }).data ?? undefined)
    : undefined;

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The most specific human message an error has, else `fallback`. */
export function errorMessage(error: unknown, fallback: string): string {
  const detail = bodyOf(error)?.data?.message;
  if (typeof detail === "string" && detail) return sentence(detail);
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}

export const statusOf = (error: unknown): number | undefined =>
  error && typeof error === "object" ? (error as { statusCode?: number }).statusCode : undefined;

/** Per-field messages from the services' validation errors (AppError fieldErrors). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const list = bodyOf(error)?.data?.fieldErrors;
  if (!Array.isArray(list)) return {};
  const result: Record<string, string> = {};
  for (const item of list as { field?: unknown; message?: unknown }[]) {
    if (typeof item.field === "string" && typeof item.message === "string") {
      result[item.field] ??= item.message;
    }
  }
  return result;
}
