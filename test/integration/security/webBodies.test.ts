import { describe, expect, inject, test } from "vitest";
import { http } from "../../http";

// Small plain JSON bodies of the web door are parsed without body-parser
// (src/server/smallJsonBody.ts); every other body, and every body it would refuse, is replayed
// into body-parser. Each case is sent twice: as the fast path takes it (`application/json`) and
// with a spelling of the same type only body-parser reads (no space before the charset); the
// answers must be the same.
const FAST = "application/json";
const SLOW = "application/json;charset=utf-8";

/** The answer without its request id (each request has its own). */
const answer = (status: number, body: unknown) => ({
  status,
  body: typeof body === "object" && body ? { ...body, requestId: undefined } : body,
});

async function both(raw: string) {
  const send = (type: string) =>
    http("POST", "/operations/get-feed", { raw, headers: { "content-type": type } });
  const [fast, slow] = [await send(FAST), await send(SLOW)];
  return {
    fast: answer(fast.status, fast.body),
    slow: answer(slow.status, slow.body),
  };
}

describe("web operation bodies", () => {
  test("When an operation's body is well-formed, then both readings give the page", async () => {
    const { fast, slow } = await both(JSON.stringify({ json: {} }));
    expect(fast.status).toBe(200);
    expect(slow.status).toBe(200);
  });

  test.each([
    ["malformed JSON", '{"json": {'],
    ["a JSON number (strict mode refuses it)", "42"],
    ["a JSON string", '"text"'],
    ["a byte order mark before the object", '\uFEFF{"json":{}}'],
    ["white space before the object", '  {"json":{}}'],
    ["an empty body", ""],
  ])("When the body is %s, then the answer is body-parser's", async (_name, raw) => {
    const { fast, slow } = await both(raw);
    expect(fast).toEqual(slow);
  });

  test("When the body is not valid UTF-8, then the answer is body-parser's", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x6a, 0xff, 0x22, 0x3a, 0x7b, 0x7d, 0x7d]);
    const send = async (type: string) => {
      const response = await fetch(`${inject("serverUrl")}/operations/get-feed`, {
        method: "POST",
        headers: { "content-type": type },
        body: bytes,
      });
      return answer(response.status, JSON.parse(await response.text()) as unknown);
    };
    expect(await send(FAST)).toEqual(await send(SLOW));
  });
});
