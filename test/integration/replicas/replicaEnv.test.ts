import { describe, expect, test } from "vitest";
import { serverEnvSchema } from "../../../src/shared/env";

// The replica settings are checked at start with the rest of the server's environment: a typo
// must stop the server with a message that says what to write, not send every read to the
// primary in silence.

const parse = (values: Record<string, string>) =>
  (
    serverEnvSchema as unknown as { safeParse(v: unknown): { success: boolean; error?: Error } }
  ).safeParse(values);

describe("replica settings", () => {
  test("When DATABASE_REPLICA_URLS is unset, then there are no replicas and REPLICA_MAX_LAG_MS is 1000", () => {
    const parsed = parse({}) as { success: boolean; data?: Record<string, unknown> };
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ DATABASE_REPLICA_URLS: "", REPLICA_MAX_LAG_MS: 1000 });
  });

  test("When it lists PostgreSQL URLs, then it is accepted", () => {
    const urls = "postgresql://u:p@replica1:5432/inkwell, postgres://replica2/inkwell";
    expect(parse({ DATABASE_REPLICA_URLS: urls }).success).toBe(true);
  });

  test("When an entry is not a PostgreSQL URL, then the start fails saying what is expected", () => {
    const parsed = parse({ DATABASE_REPLICA_URLS: "postgresql://ok/db,replica2:5432" });
    expect(parsed.success).toBe(false);
    expect(String(parsed.error)).toMatch(/DATABASE_REPLICA_URLS: comma-separated PostgreSQL URLs/);
  });

  test("When REPLICA_MAX_LAG_MS is not a positive number, then the start fails naming it", () => {
    for (const value of ["soon", "0", "-5"]) {
      const parsed = parse({ REPLICA_MAX_LAG_MS: value });
      expect(parsed.success).toBe(false);
      expect(String(parsed.error)).toMatch(/REPLICA_MAX_LAG_MS/);
    }
  });
});
