import { useCallback, useRef, useState } from "react";
import type { z } from "zod";
import { errorMessage, fieldErrorsOf } from "./errors";

export type FieldErrors = Partial<Record<string, string>>;
export type Outcome<R> = { ok: true; value: R } | { ok: false };

/**
 * The server's schema, or a function that imports it. Pages a reader mostly reads (a post and its
 * comments) pass the import: Zod and the schemas (~26 kB gzipped) are then fetched on the first
 * submit instead of before the page may show.
 */
export type SchemaSource<In> = z.ZodType<In> | (() => Promise<z.ZodType<In>>);

const loaded = (source: SchemaSource<unknown>) =>
  typeof source === "function" ? source() : Promise.resolve(source);

/** The first message for each top-level field of a failed zod parse ("(root)" for the object). */
export function issuesByField(error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "(root)";
    result[field] ??= issue.message;
  }
  return result;
}

/**
 * The submit cycle every form and action button shares: validate with the server's own zod
 * schema (nothing is sent when it fails), run the operation once at a time, and sort the
 * server's structured field errors under the form's `fields`. What belongs to no field on the
 * form (another field, a 403, a network failure) becomes `error`, the form-level message.
 */
export function useSubmit<In, R>(options: {
  run: (input: In) => Promise<R>;
  /** The message when the error carries none of its own. */
  fallback: string;
  schema?: SchemaSource<In>;
  /** The fields this form shows errors under; other field errors join `error`. */
  fields?: readonly string[];
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const running = useRef(false);
  const latest = useRef(options);
  latest.current = options;

  // Puts each message under its field when the form has one; the rest is said once, above.
  const place = useCallback((found: Record<string, string>, message: string | null) => {
    const fields = latest.current.fields ?? [];
    const placed: FieldErrors = {};
    const unplaced: string[] = [];
    for (const [field, text] of Object.entries(found)) {
      if (fields.includes(field)) placed[field] = text;
      else unplaced.push(text);
    }
    setFieldErrors(placed);
    const placedAny = Object.keys(placed).length > 0;
    setError(unplaced.length > 0 ? unplaced.join(" ") : placedAny ? null : message);
  }, []);

  const submit = useCallback(
    async (values: unknown): Promise<Outcome<R>> => {
      if (running.current) return { ok: false };
      const { run, fallback, schema } = latest.current;
      running.current = true;
      setBusy(true);
      try {
        let input = values as In;
        if (schema) {
          const parsed = (await loaded(schema)).safeParse(values);
          if (!parsed.success) {
            place(issuesByField(parsed.error), fallback);
            return { ok: false };
          }
          input = parsed.data as In;
        }
        setFieldErrors({});
        setError(null);
        return { ok: true, value: await run(input) };
      } catch (e) {
        place(fieldErrorsOf(e), errorMessage(e, fallback));
        return { ok: false };
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [place],
  );

  const reset = useCallback(() => {
    setFieldErrors({});
    setError(null);
  }, []);

  return { submit, busy, error, fieldErrors, reset };
}
