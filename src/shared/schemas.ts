import { z } from "zod";

// Building blocks shared by every feature's input schemas.

const INT_MAX = 2_147_483_647;

/**
 * A row id: a whole number, or its plain decimal spelling (path and query parameters arrive as
 * strings). Other spellings JavaScript would turn into a number ("0x10", "1e3", "0b1", " 1")
 * are refused rather than silently naming another row.
 */
export const id = z
  .union([z.number(), z.string().regex(/^-?\d+$/, "Must be a number")], {
    error: "Must be a number",
  })
  .pipe(
    z.coerce
      .number<string | number>({ error: "Must be a number" })
      .int("Must be a whole number")
      .positive("Must be positive")
      .max(INT_MAX, "Too large"),
  );

export const idParams = z.strictObject({ id });

const PLAIN_ID = /^[1-9]\d{0,9}$/;
/**
 * The id of `{ id }` path parameters when it is spelled the plain way (what idParams accepts
 * without a doubt: no sign, no leading zero, in range), else undefined: the schema decides.
 * Spares a zod parse on every read of one row.
 */
export function plainIdParam(params: unknown): number | undefined {
  const given = params as { id?: unknown } | null;
  if (typeof given?.id !== "string" || !PLAIN_ID.test(given.id)) return undefined;
  for (const key in given) if (key !== "id") return undefined;
  const value = Number(given.id);
  return value <= INT_MAX ? value : undefined;
}

// PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate has no UTF-8 form (it would be
// stored as U+FFFD): both are refused up front, with a message, instead of failing in the
// database or being altered on the way in.
const NUL = "\u0000";
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** A string that PostgreSQL stores exactly as given. Every free-text input field uses it. */
export const text = (message?: string) =>
  z
    .string(message ? { error: message } : undefined)
    .refine((value) => !value.includes(NUL), "Must not contain NUL (\\u0000) characters")
    .refine((value) => !LONE_SURROGATE.test(value), "Must be valid Unicode (no lone surrogates)");

export const pageQuery = z.strictObject({
  cursor: text().max(200).optional(),
  // A number from the browser, its decimal spelling from a query string.
  limit: z.coerce.number<number | string>().int().min(1).max(100).default(20),
});

/**
 * The deepest offset a list serves. PostgreSQL reads and discards every skipped row, so one
 * request for offset 2,000,000,000 would read the whole table; 10,000 is 500 pages of 20.
 * Deeper reading goes through /api/v1's cursors, which cost the same at any depth.
 */
export const OFFSET_MAX = 10_000;

/** How many rows a list paged by offset skips (RealWorld's lists; the others use cursors). */
export const offsetQuery = z.strictObject({
  offset: z.coerce
    .number<number | string>({ error: "Must be a number" })
    .int("Must be a whole number")
    .min(0, "Must not be negative")
    .max(OFFSET_MAX, `Must be at most ${OFFSET_MAX} (page deeper with /api/v1's cursors)`)
    .default(0),
});

export const REASON_MAX = 500;

/** The reason given to moderation: a reader's report, a hide, a ban. */
export const moderationReason = text("A reason is required")
  .trim()
  .min(1, "A reason is required")
  .max(REASON_MAX, `A reason must be at most ${REASON_MAX} characters`);
