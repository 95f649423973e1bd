import type { z } from "zod";
import { AppError } from "./errors";

// Parses untrusted input at the edge. Every failure becomes one AppError listing each field,
// so the browser and REST clients get the same messages.
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors = result.error.issues.map((issue) => ({
    field: issue.path.join(".") || "(root)",
    message: issue.message,
  }));
  const summary = fieldErrors.map((e) => `${e.field}: ${e.message}`).join("; ");
  throw new AppError("VALIDATION_FAILED", `Invalid input: ${summary}`, fieldErrors);
}
