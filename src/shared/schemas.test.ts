import { expect, test } from "vitest";
import { idParams, plainIdParam } from "./schemas";

// plainIdParam spares the zod parse for plain ids; it must never accept what idParams refuses,
// nor read an id differently.
const spellings = [
  "1",
  "42",
  "2147483647",
  "2147483648",
  "9999999999",
  "99999999999",
  "0",
  "-1",
  "007",
  "1e3",
  "0x10",
  " 1",
  "1 ",
  "1.0",
  "",
  "+1",
  "١٢",
  "12a",
];

test("When an id is spelled any way, then the fast path agrees with idParams or leaves it to it", () => {
  for (const id of spellings) {
    const fast = plainIdParam({ id });
    const parsed = idParams.safeParse({ id });
    if (fast !== undefined) expect({ id, value: parsed.data?.id }).toEqual({ id, value: fast });
  }
  expect(plainIdParam({ id: "42" })).toBe(42);
  expect(plainIdParam({ id: "2147483648" })).toBeUndefined();
});

test("When the parameters carry anything but the id, then the fast path leaves them to idParams", () => {
  expect(plainIdParam({ id: "42", other: "x" })).toBeUndefined();
  expect(plainIdParam({ id: 42 })).toBeUndefined();
  expect(plainIdParam(null)).toBeUndefined();
});
