import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { countChecks, loadSuite, parseHurl } from "../../scripts/realworld/hurl.mjs";
import { runFile } from "../../scripts/realworld/runner.mjs";

// The interpreter of the Hurl subset `npm run test:realworld` runs the RealWorld suite with
// (scripts/realworld/). These guard the runner itself, against snippets written here and a tiny
// HTTP server started here (it stands in for nothing in the product): a runner that passed a
// check it should fail, or skipped a line it did not understand, would make the suite's
// "538 of 538" mean nothing.

type Seen = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };
const seen: Seen[] = [];
let server: Server;
let host = "";

const thing = { id: 7, name: "Widget", tags: ["red", "blue"], note: null, done: false };
const routes: Record<string, (request: Seen) => [number, unknown]> = {
  "POST /api/things": (request) => [
    201,
    { thing: { ...thing, ...JSON.parse(request.body).thing }, createdAt: "2025-01-02T03:04:05Z" },
  ],
  "GET /api/things/7": (request) =>
    request.headers.authorization === "Token t-7" ? [200, { thing }] : [401, { errors: {} }],
  "GET /api/list": () => [200, { items: [{ n: 1 }, { n: 2 }, { n: 3 }], total: 3 }],
  "DELETE /api/things/7": () => [204, undefined],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const request = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(request);
      const [status, json] = routes[`${req.method} ${req.url}`]?.(request) ?? [404, {}];
      res.writeHead(status, json === undefined ? {} : { "content-type": "application/json" });
      res.end(json === undefined ? "" : JSON.stringify(json));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const run = (text: string, uid = "u1") => runFile(parseHurl(text, "t.hurl"), { host, uid });

const CREATE = String.raw`# Create
POST {{host}}/api/things
Content-Type: application/json; charset=utf-8
{
  "thing": { "name": "Widget {{uid}}", "tags": ["red", "blue"] }
}
HTTP 201
[Captures]
id: jsonpath "$.thing.id"
name: jsonpath "$.thing.name"
[Asserts]
jsonpath "$.thing.name" == "Widget {{uid}}"
jsonpath "$.thing.id" == {{id}}
jsonpath "$.thing.id" isInteger
jsonpath "$.thing.id" >= 7
jsonpath "$.thing.id" > 6
jsonpath "$.thing.id" < 8.5
jsonpath "$.thing.id" <= 7
jsonpath "$.thing.id" != "7"
jsonpath "$.thing.note" == null
jsonpath "$.thing.note" exists
jsonpath "$.thing.done" isBoolean
jsonpath "$.thing.done" == false
jsonpath "$.thing.tags" isList
jsonpath "$.thing.tags" count == 2
jsonpath "$.thing.tags" contains "blue"
jsonpath "$.thing.tags" not contains "green"
jsonpath "$.thing.name" contains "dg"
jsonpath "$.thing.tags[1]" == "blue"
jsonpath "$.thing.missing" not exists
jsonpath "$.thing.name" not isEmpty
jsonpath "$.createdAt" matches "^\\d{4}-\\d{2}-\\d{2}T\\d{2}"
jsonpath "$.createdAt" matches /^2025-/
`;

describe("Hurl parser", () => {
  test("When a file has headers, a JSON body, captures before asserts and comments, then each part is read with its line", () => {
    const { entries } = parseHurl(CREATE, "t.hurl");
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({
      where: "t.hurl:2",
      method: "POST",
      url: "{{host}}/api/things",
      headers: [{ name: "Content-Type", value: "application/json; charset=utf-8" }],
      status: { where: "t.hurl:7", code: 201 },
      captures: [
        { where: "t.hurl:9", name: "id", path: "$.thing.id" },
        { where: "t.hurl:10", name: "name", path: "$.thing.name" },
      ],
    });
    expect(JSON.parse(entry!.body!.source.replace("{{uid}}", "x"))).toEqual({
      thing: { name: "Widget x", tags: ["red", "blue"] },
    });
    expect(entry!.asserts).toHaveLength(22);
    expect(entry!.asserts[1]).toMatchObject({
      where: "t.hurl:13",
      predicate: "==",
      value: { kind: "variable", name: "id" },
    });
    expect(entry!.asserts[13]).toMatchObject({ filters: ["count"], predicate: "==" });
    expect(entry!.asserts[15]).toMatchObject({ not: true, predicate: "contains" });
    // The Hurl escape \\d is the regex's \d.
    expect(entry!.asserts[20]!.value).toEqual({
      kind: "string",
      template: String.raw`^\d{4}-\d{2}-\d{2}T\d{2}`,
    });
    expect(countChecks({ entries })).toBe(23);
  });

  test.each([
    ["a section the subset lacks", "GET {{host}}/a\n[QueryStringParams]\nq: 1\nHTTP 200", 2],
    ["a query other than jsonpath", 'GET {{host}}/a\nHTTP 200\n[Asserts]\nheader "X" == "1"', 4],
    ["an unknown predicate", 'GET {{host}}/a\nHTTP 200\n[Asserts]\njsonpath "$.a" isDate', 4],
    ["text after the predicate", 'GET {{host}}/a\nHTTP 200\n[Asserts]\njsonpath "$.a" == 1 2', 4],
    ["an unknown escape", 'GET {{host}}/a\nHTTP 200\n[Asserts]\njsonpath "$.a" == "\\q"', 4],
    ["a response header check", "GET {{host}}/a\nHTTP 200\nContent-Type: text/plain", 3],
    ["a body that is not JSON", "POST {{host}}/a\n{ nope }\nHTTP 200", 2],
    ["a request without its response", "GET {{host}}/a\n\nGET {{host}}/b\nHTTP 200", 1],
    ["a capture without a name", 'GET {{host}}/a\nHTTP 200\n[Captures]\njsonpath "$.a"', 4],
    ["a broken placeholder", "GET {{host}}/a/{{ id\nHTTP 200", 1],
    ["a status that is not a number", "GET {{host}}/a\nHTTP *", 2],
  ])("When a file has %s, then parsing fails naming its line", (_, text, line) => {
    expect(() => parseHurl(text, "bad.hurl")).toThrow(new RegExp(`^bad\\.hurl:${line}: `));
  });
});

describe("Hurl runner", () => {
  test("When every check holds, then all pass, captures keep their JSON type and templates fill the URL, headers and body", async () => {
    seen.length = 0;
    const result = await run(
      `${CREATE}
GET {{host}}/api/things/{{id}}
Authorization: Token t-{{id}}
HTTP 200
[Asserts]
jsonpath "$.thing.id" == {{id}}

DELETE {{host}}/api/things/{{id}}
HTTP 204
`,
      "abc123",
    );
    expect(result).toMatchObject({ requests: 3, checks: 26, passed: 26, failed: [] });
    expect(result.stopped).toBeNull();
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /api/things",
      "GET /api/things/7",
      "DELETE /api/things/7",
    ]);
    expect(JSON.parse(seen[0]!.body)).toEqual({
      thing: { name: "Widget abc123", tags: ["red", "blue"] },
    });
    expect(seen[0]!.headers["content-type"]).toBe("application/json; charset=utf-8");
  });

  test("When a request has a JSON body and no Content-Type, then it is sent as application/json", async () => {
    seen.length = 0;
    await run(
      'POST {{host}}/api/things\n{"thing": {"name": "a \\"quoted\\" {{uid}}"}}\nHTTP 201',
      'q"1',
    );
    expect(seen[0]!.headers["content-type"]).toBe("application/json");
    // A variable inside a JSON string is escaped as string content.
    expect(JSON.parse(seen[0]!.body).thing.name).toBe('a "quoted" q"1');
  });

  test("When checks fail, then each is reported with its line, expected and actual, and the file goes on", async () => {
    seen.length = 0;
    const result = await run(`GET {{host}}/api/list
HTTP 201
[Asserts]
jsonpath "$.items" count == 2
jsonpath "$.items[0].n" == "1"
jsonpath "$.total" isString
jsonpath "$.total" contains "3"
jsonpath "$.nothing" == null
jsonpath "$.items[*].n" contains 3
jsonpath "$.total" not exists
jsonpath "$.total" >= 4
jsonpath "$.items" isEmpty

GET {{host}}/api/list
HTTP 200
`);
    expect(seen).toHaveLength(2);
    expect(result).toMatchObject({ requests: 2, checks: 11, passed: 2, stopped: null });
    const [outcome] = result.failed;
    expect(outcome!.request).toBe(`GET ${host}/api/list`);
    expect(outcome!.response?.status).toBe(200);
    expect(outcome!.failures.map((f) => [f.where, f.message])).toEqual([
      ["t.hurl:2", "expected status 201, actual 200"],
      ["t.hurl:4", "expected == integer 2, actual integer 3"],
      ["t.hurl:5", 'expected == string "1", actual integer 1'],
      ["t.hurl:6", "expected isString, actual integer 3"],
      ["t.hurl:7", 'expected contains string "3", actual integer 3 (type mismatch)'],
      ["t.hurl:8", "expected == null, actual none"],
      ["t.hurl:10", "expected not exists, actual integer 3"],
      ["t.hurl:11", "expected >= integer 4, actual integer 3"],
      ["t.hurl:12", 'expected isEmpty, actual list of 3 [{"n":1},{"n":2},{"n":3}]'],
    ]);
  });

  test("When nothing matches, then every predicate is false (so its negation holds), but a type mismatch fails even negated", async () => {
    const result = await run(`GET {{host}}/api/list
HTTP 200
[Asserts]
jsonpath "$.nothing" not isEmpty
jsonpath "$.nothing" not == 1
jsonpath "$.total" not isEmpty
jsonpath "$.total" not matches "x"
jsonpath "$.items" not isEmpty
jsonpath "$.nothing" count == 0
`);
    expect(result.failed[0]!.failures.map((f) => f.where)).toEqual([
      "t.hurl:6",
      "t.hurl:7",
      "t.hurl:9",
    ]);
    expect(result.passed).toBe(4);
  });

  test("When a capture matches nothing, then the file stops after that request and the checks left are counted as not run", async () => {
    seen.length = 0;
    const result = await run(`GET {{host}}/api/list
HTTP 200
[Captures]
id: jsonpath "$.id"
[Asserts]
jsonpath "$.total" == 3

GET {{host}}/api/things/{{id}}
HTTP 200
[Asserts]
jsonpath "$.thing" exists
`);
    expect(seen).toHaveLength(1);
    expect(result).toMatchObject({ passed: 2, checks: 4 });
    expect(result.stopped).toEqual({ where: "t.hurl:1", requests: 1, checks: 2 });
    expect(result.failed[0]!.failures).toEqual([
      { where: "t.hurl:4", check: "capture id", message: 'jsonpath "$.id" matched nothing' },
    ]);
  });

  test("When a template names a variable never set, then the request is not sent and the file stops", async () => {
    seen.length = 0;
    const result = await run(
      "GET {{host}}/api/things/{{nope}}\nHTTP 200\n\nGET {{host}}/api/list\nHTTP 200",
    );
    expect(seen).toHaveLength(0);
    expect(result.failed[0]!.failures[0]!.message).toBe("undefined variable {{nope}}");
    expect(result.stopped).toMatchObject({ requests: 1, checks: 1 });
  });
});

// The official suite itself, where this machine has it (it is not part of the repository).
const SUITE = resolve(process.env.REALWORLD_SUITE ?? "../shared/realworld/hurl");

describe.skipIf(!existsSync(SUITE))("the RealWorld suite", () => {
  test("When its files are parsed, then the runner finds 154 requests and 538 checks in 13 files", () => {
    const suite = loadSuite(SUITE);
    expect(suite).toHaveLength(13);
    expect(suite.reduce((n, parsed) => n + parsed.entries.length, 0)).toBe(154);
    expect(suite.reduce((n, parsed) => n + countChecks(parsed), 0)).toBe(538);
  });
});
