// Hostile request generator for /api/v1 and the RealWorld door (/api), shared by `npm run fault:hostile`
// (scripts/faults/hostile-input.mjs) and the test suite (test/integration/api/hostile.test.ts).
// Everything is derived from a seeded PRNG, so a seed names one exact sequence of requests.
// Requests are sent over raw sockets: fetch refuses invalid UTF-8, odd methods and huge headers.
import { createHmac, randomUUID } from "node:crypto";
import { connect } from "node:net";

/** mulberry32: small, fast, good enough to pick test cases reproducibly. */
export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** The routes of an OpenAPI document: method, path template, parameters and body schema. */
export function deriveRoutes(openapi) {
  const routes = [];
  for (const [path, item] of Object.entries(openapi.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "delete", "patch"].includes(method)) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      const body = op.requestBody?.content?.["application/json"]?.schema ?? null;
      routes.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === "path").map((p) => p.name),
        query: parameters.filter((p) => p.in === "query").map((p) => p.name),
        body: body ? resolve(openapi, body) : null,
        secured: Boolean(op.security?.length),
      });
    }
  }
  return routes;
}

// The RealWorld door's route descriptions (src/api/realworld/*.routes.ts) leave out what the
// generator needs besides: the fields each envelope holds and each list's query parameters.
const REALWORLD_FIELDS = {
  user: {
    username: { type: "string" },
    email: { type: "string", format: "email" },
    password: { type: "string" },
    bio: { type: "string" },
    image: { type: "string" },
  },
  article: {
    title: { type: "string" },
    description: { type: "string" },
    body: { type: "string" },
    tagList: { type: "array", items: { type: "string" } },
  },
  comment: { body: { type: "string" } },
};
const REALWORLD_QUERY = {
  listArticles: ["tag", "author", "favorited", "limit", "offset"],
  listFeed: ["limit", "offset"],
};

/**
 * The RealWorld door's routes (its route descriptions, Express paths under `prefix`) in the
 * shape deriveRoutes gives: requests to them carry `Token <jwt>` and wrap bodies in the
 * route's envelope; sign-in routes never carry a valid token.
 */
export function realworldApiRoutes(descriptions, prefix = "/api") {
  return descriptions.map((route) => {
    const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const envelope = route.body?.envelope ?? null;
    return {
      method: route.method,
      path: route.path.replace(/:(\w+)/g, "{$1}"),
      pathParams,
      query: REALWORLD_QUERY[route.handler] ?? [],
      body: envelope ? { type: "object", properties: REALWORLD_FIELDS[envelope] } : null,
      secured: route.access === "user",
      door: "realworld",
      prefix,
      scheme: "Token",
      envelope,
      signIn: Boolean(route.signIn),
    };
  });
}

function resolve(openapi, schema) {
  if (schema?.$ref) {
    const target = schema.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce((node, key) => node?.[key], openapi);
    return resolve(openapi, target);
  }
  return schema ?? {};
}

/** A body the schema accepts (the starting point the mutators break). */
export function sampleBody(schema) {
  const properties = schema?.properties ?? {};
  const body = {};
  for (const [key, prop] of Object.entries(properties)) body[key] = sampleValue(key, prop);
  return body;
}

function sampleValue(key, prop) {
  if (prop.enum) return prop.enum[0];
  if (prop.type === "array" && prop.items) return [sampleValue(key, prop.items)];
  if (prop.type === "integer" || prop.type === "number") return 1;
  if (prop.type === "boolean") return true;
  if (prop.format === "email" || /email/i.test(key)) return "nobody@hostile.inkwell";
  if (/password/i.test(key)) return "not the password 1";
  return `sample ${key}`;
}

// ---------------------------------------------------------------------------------------------
// Access tokens: forged ones (no or wrong signature, wrong claims) and ones signed with the
// server's own secret but naming users that do not exist or claims the server must refuse.

const b64 = (value) => Buffer.from(value).toString("base64url");

export function signJwt(header, payload, secret) {
  const unsigned = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`;
  const signature = secret ? createHmac("sha256", secret).update(unsigned).digest("base64url") : "";
  return `${unsigned}.${signature}`;
}

/** A map of name → token the server must refuse with 401. */
export function forgeTokens({ secret, userId }) {
  const now = Math.floor(Date.now() / 1000);
  const claims = (extra = {}) => ({
    iss: "inkwell",
    aud: "inkwell-api",
    sub: String(userId),
    sid: randomUUID(),
    jti: randomUUID(),
    iat: now,
    exp: now + 900,
    ...extra,
  });
  const hs = { alg: "HS256", typ: "JWT" };
  return {
    algNone: signJwt({ alg: "none", typ: "JWT" }, claims(), null),
    algNoneUpper: signJwt({ alg: "NONE" }, claims(), null) + "e30",
    wrongSecret: signJwt(hs, claims(), "not-the-secret-0123456789abcdef0123456789"),
    expired: signJwt(hs, claims({ iat: now - 7200, exp: now - 3600 }), secret),
    otherAudience: signJwt(hs, claims({ aud: "someone-else" }), secret),
    otherIssuer: signJwt(hs, claims({ iss: "evil" }), secret),
    hs512: signJwt({ alg: "HS512" }, claims(), secret),
    rs256Header: signJwt({ alg: "RS256" }, claims(), secret),
    noJti: signJwt(hs, { ...claims(), jti: undefined }, secret),
    noExp: signJwt(hs, { ...claims(), exp: undefined }, secret),
    unknownUser: signJwt(hs, claims({ sub: "999999" }), secret),
    hugeSub: signJwt(hs, claims({ sub: "99999999999" }), secret),
    negativeSub: signJwt(hs, claims({ sub: "-1" }), secret),
    floatSub: signJwt(hs, claims({ sub: "1.5" }), secret),
    objectSub: signJwt(hs, claims({ sub: { $gt: "" } }), secret),
    injectionSub: signJwt(hs, claims({ sub: "1 OR 1=1" }), secret),
    nulSid: signJwt(hs, claims({ sid: "a\u0000b" }), secret),
    loneSurrogateSid: signJwt(hs, claims({ sid: "\ud800" }), secret),
    objectSid: signJwt(hs, claims({ sid: { $ne: null } }), secret),
    hugeSid: signJwt(hs, claims({ sid: "s".repeat(5000) }), secret),
    garbage: "garbage",
    dots: "...",
    twoParts: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0",
    notBase64: "!!!.@@@.###",
    emptyParts: "..",
    huge: "a".repeat(8000) + "." + "b".repeat(4000) + ".c",
    nonJsonHeader: `${b64("not json")}.${b64("{}")}.sig`,
  };
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

export const INJECTIONS = [
  "' OR 1=1 --",
  '\'; DROP TABLE "Post"; --',
  '"); DELETE FROM "User"; --',
  "1; SELECT pg_sleep(10)",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  '{"$gt":""}',
  '{"$ne": null}',
  "${7*7}{{7*7}}",
  "../../../../etc/passwd",
  "%00",
  "\\u0000",
  "%s%s%s%n",
  "() { :; }; echo pwned",
];

export const ODD_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\u202Eevil\u202C",
  "\u200F\u202Bمرحبا\u202C",
  "\ud800",
  "x\udfffy",
  "\udc00\ud800",
  "😀🎉👩‍👩‍👧‍👦🏳️‍🌈",
  "Z̷̢̛̙̮͍̦̝̞̜̤̙̟̠̯̱̝̰̫̀̈́̂͌͒̑̆̌́̋̆́̑͋̀̚͜a̸̧̛̰̲̼̮͙̲̼̹̗͎̜̪͈͐̉̽̓̈́̑̎̂̃̆̈́͑̕ḽ̴̨̢̛͚͖̟̼̪̝̬̫͔̬̉̉̏̊̈́̽̌̈́̇̿͌̕͝g̵",
  "\uFEFFbom",
  "\uFFFF\uFFFE",
  "\u0007\u0008\u001b[31mred",
  "\r\nX-Injected: 1",
  "   ",
  "",
  "a".repeat(300),
  "é".repeat(70_000),
];

const WRONG_TYPES = [
  null,
  true,
  0,
  -1,
  1e308,
  1.2345678901234568e29,
  [],
  ["a"],
  {},
  { $gt: "" },
  { $ne: null },
  { __proto__: { admin: true } },
];

export const ODD_IDS = [
  "..%2f",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "1e309",
  "1e3",
  "-0",
  "-1",
  "0",
  "%00",
  "1%00",
  "2147483648",
  "99999999999999999999",
  "9".repeat(400),
  "1.5",
  "0x10",
  "0b1",
  "NaN",
  "Infinity",
  "%20",
  "%201",
  "abc",
  "1%3BDROP%20TABLE",
  "%27%20OR%201%3D1",
  "%3Cscript%3E",
  "%ff",
  "%E0%A4%A",
  "%",
  "%C0%AF",
  "%F0%9F%98%80",
  "%E2%80%AE1",
  "1;",
  "1,2",
  "[1]",
  "{}",
  "__proto__",
  "constructor",
  "2147483647",
  "999999",
];

const QUERY_POLLUTION = [
  "limit=1&limit=2",
  "limit[]=1",
  "limit[0]=1",
  "limit[$gt]=0",
  "__proto__[x]=1",
  "__proto__=1",
  "constructor[prototype][x]=1",
  "limit=-1",
  "limit=0",
  "limit=1e309",
  "limit=101",
  "limit=abc",
  "limit=%00",
  "limit=",
  "limit=1.5",
  "limit=99999999999999999999",
  "cursor=%00",
  "cursor=" + "A".repeat(5000),
  "cursor=MjAyNi0wMS0wMVQwMDowMDowMC4wMDBafDk5OTk5OTk5OTk5",
  "cursor=KzI3NTc2MC0wOS0xM1QwMDowMDowMC4wMDBafDE",
  "cursor=LTI3MTgyMS0wNC0yMFQwMDowMDowMC4wMDBafDE",
  "cursor=MjAyNi0wMS0wMVQwMDowMDowMC4wMDBafDA",
  "cursor=%ff%fe",
  "cursor=a&cursor=b",
  "authorId=1e309",
  "authorId=99999999999",
  "authorId=-1",
  "authorId[]=1",
  "authorId=%27%20OR%201%3D1%20--",
  "q=%27%20OR%201%3D1%20--",
  "q=%00",
  "q=%25",
  "q=_",
  "q[$gt]=",
  "q=%ff",
  "q=" + "x".repeat(400),
  "action=%00",
  "action=%27%3B%20DROP%20TABLE%20%22AuditLog%22%3B%20--",
  "actorId=99999999999",
  "actorId=1e309",
  "actorId=-5",
  "targetType=evil",
  "targetId=%00",
  "from=99999-01-01",
  "from=+275760-09-13T00:00:00Z",
  "from=-271821-04-20T00:00:00Z",
  "to=0",
  "from=2030-01-01&to=2020-01-01",
  "from=not-a-date",
  "extra=1",
  "a=" + "b".repeat(8000),
  Array.from({ length: 1500 }, (_, i) => `k${i}=v`).join("&"),
  "%",
  "%%",
  "=&=&=",
  "&&&",
  "limit=1#fragment",
];

const QUERY_VALUES = [
  "",
  "%00",
  "a%00b",
  "%ff%fe",
  "%ED%A0%80",
  "-1",
  "0",
  "0x10",
  "1e309",
  "99999999999",
  "-271821-04-20T00:00:00Z",
  "%2B275760-09-13T00:00:00Z",
  "-000001-01-01",
  "9999-12-31T23:59:59.999Z",
  "1970-01-01",
  "not-a-date",
  "%27%20OR%201%3D1%20--",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "%7B%22%24gt%22%3A%22%22%7D",
  "%25",
  "_",
  "x".repeat(300),
  "MjAyNi0wMS0wMVQwMDowMDowMC4wMDBafDk5OTk5OTk5OTk5",
  "LTI3MTgyMS0wNC0yMFQwMDowMDowMC4wMDBafDE",
  "USER",
  "user",
];

const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/xml",
  "application/json; charset=utf-16",
  "application/json; charset=latin1",
  "application/json; charset=bogus",
  "application/json, text/plain",
  "application/merge-patch+json",
  "application/vnd.api+json",
  "APPLICATION/JSON",
  "json",
  "*/*",
  "application/",
  ";;;",
  'application/json; charset=utf-8; boundary="',
];

const ODD_METHODS = [
  "PATCH",
  "OPTIONS",
  "HEAD",
  "TRACE",
  "PROPFIND",
  "MKCOL",
  "LOCK",
  "SEARCH",
  "PURGE",
  "FOO",
  "get",
  "G\tET",
  "GETGETGETGETGETGETGETGETGETGETGETGET",
];

const ODD_HEADERS = [
  ["x-request-id", "<script>alert(1)</script>"],
  ["x-request-id", "a".repeat(500)],
  ["x-request-id", "' OR 1=1 --"],
  ["x-forwarded-for", "<script>"],
  ["x-forwarded-for", "::ffff:zz"],
  ["x-forwarded-for", "1.2.3.4, ::1, :::, 999.999.999.999"],
  ["x-forwarded-for", "' OR 1=1 --"],
  ["x-forwarded-for", "fe80::1%eth0"],
  ["x-forwarded-for", "2001:db8::" + "1:".repeat(20)],
  ["x-forwarded-proto", "javascript"],
  ["x-forwarded-host", "evil.example"],
  ["if-none-match", '"' + "x".repeat(2000) + '"'],
  ["if-none-match", "*"],
  ["if-none-match", 'W/"", , ,'],
  ["accept", "application/xml"],
  ["accept", "*/*;q=abc"],
  ["accept-encoding", "gzip;q=-1, br, zstd, x".repeat(50)],
  ["range", "bytes=0-1,2-3,4-5"],
  ["expect", "100-continue"],
  ["expect", "banana"],
  ["authorization", "Basic YWRtaW46YWRtaW4="],
  ["authorization", "Bearer"],
  ["authorization", "Bearer  "],
  ["authorization", "Bearer a b"],
  ["authorization", "bearer\tx"],
  ["authorization", "Bearer " + "x".repeat(10_000)],
  ["cookie", "sessionId=abc; " + "x=y; ".repeat(200)],
  ["origin", "null"],
  ["content-encoding", "gzip"],
  ["content-encoding", "deflate"],
  ["content-encoding", "br"],
  ["content-encoding", "bogus"],
];

/** The ways one generated request is hostile; each is one generator below. */
export const CATEGORIES = [
  "malformedJson",
  "wrongTypes",
  "missingOrExtraFields",
  "hugeBody",
  "hugeHeader",
  "deepNesting",
  "injection",
  "nulBytes",
  "oddUnicode",
  "invalidUtf8",
  "wrongContentType",
  "forgedJwt",
  "oddIds",
  "oddMethod",
  "queryPollution",
  "oddHeaders",
  "rawProtocol",
];

const MALFORMED_JSON = [
  '{"title": ',
  "{'title': 'a'}",
  "[1,2",
  '{"a":1}}',
  "NaN",
  "undefined",
  '"\\u12"',
  '{"a":1,}',
  '{"a":01}',
  '{"a":.5}',
  "{a:1}",
  '{"a":"\\x41"}',
  '{"a":"line\nbreak"}',
  "\uFEFF{}",
  "{}{}",
  '{"a":1} trailing',
  "nul\u0000l",
  "",
  " ",
  "null",
  "true",
  "0",
  '"string"',
  "[]",
  "{".repeat(5000),
  '{"a":' + "9".repeat(5000) + "}",
  '{"a":1e999999}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
];

function encodeValue(value) {
  // JSON.stringify escapes lone surrogates (well-formed JSON.stringify), so they arrive as
  // \udXXX escapes; NUL arrives as \u0000.
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------

/**
 * Generates `count` hostile requests. `auth` holds valid access tokens (user, admin); `forged`
 * tokens the server must refuse; `ids` ids that exist (posts, users; for the RealWorld door
 * slugs and usernames), which only GET requests aim at. `doors`, when given instead of
 * `routes`, is a list of { routes, share }: each request picks a door by share, then a route.
 */
export function generateRequests({
  seed,
  count,
  routes,
  doors = [{ routes, share: 1 }],
  auth = {},
  forged = {},
  bodyLimitBytes = 100 * 1024,
  ids = { posts: [], users: [], slugs: [], usernames: [] },
}) {
  const rng = createRng(seed);
  const forgedList = Object.entries(forged);
  const total = doors.reduce((sum, door) => sum + door.share, 0);
  const pickDoor = () => {
    if (doors.length === 1) return doors[0];
    let roll = rng.next() * total;
    for (const door of doors) if ((roll -= door.share) < 0) return door;
    return doors[doors.length - 1];
  };
  const requests = [];
  for (let n = 0; n < count; n++) {
    const route = rng.pick(pickDoor().routes);
    const category = rng.pick(CATEGORIES);
    requests.push(build({ rng, route, category, auth, forgedList, bodyLimitBytes, ids, n }));
  }
  return requests;
}

const AUTH_ROUTES = new Set(["/auth/login", "/auth/register", "/auth/refresh"]);

function build({ rng, route, category, auth, forgedList, bodyLimitBytes, ids, n }) {
  const realworld = route.door === "realworld";
  const isAuthRoute = realworld ? route.signIn : AUTH_ROUTES.has(route.path);
  // Sign-in routes never carry a valid token (their writes are reconciled by status alone);
  // /auth/logout with a valid token only gets bodies that cannot be valid.
  let authMode = "none";
  let token = null;
  const roll = rng.next();
  if (category === "forgedJwt" || (roll < 0.15 && forgedList.length > 0)) {
    const [name, value] = rng.pick(forgedList);
    authMode = `forged:${name}`;
    token = value;
  } else if (!isAuthRoute && roll < 0.55 && auth.user) {
    authMode = "user";
    token = auth.user;
  } else if (!isAuthRoute && roll < 0.8 && auth.admin) {
    authMode = "admin";
    token = auth.admin;
  }

  const headers = [];
  let method = route.method;
  let body;
  let pathParam = pickId(rng, route, ids);
  let query = "";
  let extraRaw = null;

  // RealWorld bodies come in an envelope ({"article": {…}}): the fields sit inside it, and
  // a wrong value sometimes replaces the envelope's content itself.
  const inner = route.body ? sampleBody(route.body) : null;
  const wrap = (value) => (route.envelope ? { [route.envelope]: value } : value);
  const base = inner ? wrap(inner) : null;
  const fields = inner ? Object.keys(inner) : [];
  const setField = (value) => {
    if (route.envelope && rng.chance(0.2)) return encodeValue(wrap(value));
    const copy = { ...inner };
    if (fields.length > 0) copy[rng.pick(fields)] = value;
    else copy[rng.pick(["title", "x", "email"])] = value;
    return encodeValue(inner ? wrap(copy) : copy);
  };
  const jsonBody = (text) => {
    body = Buffer.from(text);
    headers.push(["content-type", "application/json"]);
  };

  switch (category) {
    case "malformedJson":
      jsonBody(rng.pick(MALFORMED_JSON));
      break;
    case "wrongTypes":
      jsonBody(
        rng.chance(0.2) ? encodeValue(rng.pick(WRONG_TYPES)) : setField(rng.pick(WRONG_TYPES)),
      );
      break;
    case "missingOrExtraFields": {
      const copy = { ...(inner ?? {}) };
      const op = rng.int(4);
      if (op === 0 && fields.length > 0) delete copy[rng.pick(fields)];
      else if (op === 1)
        copy[rng.pick(["extra", "role", "isAdmin", "id", "authorId", "$where"])] = "x";
      else if (op === 2) Object.keys(copy).forEach((key) => delete copy[key]);
      else copy["__proto__"] = { role: "ADMIN" };
      const text =
        op === 3
          ? JSON.stringify(copy).replace(/}$/, ',"__proto__":{"role":"ADMIN"},"extra":1}')
          : JSON.stringify(copy);
      const fixed = text.replace(/^{,/, "{");
      jsonBody(route.envelope ? `{${JSON.stringify(route.envelope)}:${fixed}}` : fixed);
      break;
    }
    case "hugeBody": {
      const size = bodyLimitBytes + 1 + rng.int(bodyLimitBytes * 2);
      const kind = rng.int(3);
      if (kind === 0) jsonBody(setField("x".repeat(size)));
      else if (kind === 1) jsonBody("[" + "1,".repeat(Math.ceil(size / 2)) + "1]");
      else {
        // A body that claims to be small but is not (Content-Length is set from the real size).
        jsonBody(JSON.stringify({ title: "t", content: "é".repeat(Math.ceil(size / 2)) }));
      }
      break;
    }
    case "hugeHeader": {
      const size = 16 * 1024 + 1 + rng.int(48 * 1024);
      if (rng.chance(0.5)) headers.push(["x-padding", "p".repeat(size)]);
      else
        for (let i = 0; i < Math.ceil(size / 1000); i++)
          headers.push([`x-pad-${i}`, "p".repeat(1000)]);
      break;
    }
    case "deepNesting": {
      const kind = rng.int(4);
      // Under the body limit, so the parser (not the size check) meets them, …
      const arrays = Math.floor((bodyLimitBytes - 16) / 2);
      const objects = Math.floor((bodyLimitBytes - 16) / 6);
      if (kind === 0) jsonBody("[".repeat(arrays) + "]".repeat(arrays));
      else if (kind === 1) jsonBody('{"a":'.repeat(objects) + "1" + "}".repeat(objects));
      else if (kind === 2 && fields.length > 0)
        jsonBody(setField(JSON.parse("[".repeat(3000) + "]".repeat(3000))));
      // … and 100k levels, over it.
      else jsonBody("[".repeat(100_000) + "]".repeat(100_000));
      break;
    }
    case "injection": {
      const value = rng.pick(INJECTIONS);
      if (base && rng.chance(0.7)) jsonBody(setField(value));
      else if (route.query.length > 0)
        query = `${rng.pick(route.query)}=${encodeURIComponent(value)}`;
      else pathParam = encodeURIComponent(value);
      break;
    }
    case "nulBytes": {
      const value = rng.pick(["\u0000", "a\u0000b", "title\u0000", "\u0000".repeat(50)]);
      if (base && rng.chance(0.8)) jsonBody(setField(value));
      else if (route.query.length > 0) query = `${rng.pick(route.query)}=a%00b`;
      else pathParam = "1%00";
      break;
    }
    case "oddUnicode": {
      const value = rng.pick(ODD_STRINGS);
      if (base && rng.chance(0.8)) jsonBody(setField(value));
      else if (route.query.length > 0)
        query = `${rng.pick(route.query)}=${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, "x"))}`;
      else pathParam = encodeURIComponent(value.replace(/[\ud800-\udfff]/g, "x"));
      break;
    }
    case "invalidUtf8": {
      const bad = rng.pick([
        [0xc3, 0x28],
        [0xff],
        [0xfe, 0xff],
        [0xc0, 0xaf],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0xe2, 0x82],
        [0x80],
      ]);
      const where = rng.int(3);
      if (where === 0 || !base) {
        const text = base ? setField("@@") : '{"x":"@@"}';
        const [head, tail] = text.split("@@");
        body = Buffer.concat([Buffer.from(head), Buffer.from(bad), Buffer.from(tail)]);
        headers.push(["content-type", "application/json"]);
      } else if (where === 1) {
        extraRaw = { pathBytes: Buffer.from(bad) };
      } else {
        headers.push(["x-request-id", Buffer.concat([Buffer.from("id-"), Buffer.from(bad)])]);
        jsonBody(encodeValue(base));
      }
      break;
    }
    case "wrongContentType": {
      const ct = rng.pick(CONTENT_TYPES);
      body = Buffer.from(
        rng.pick(["title=a&content=b", "<x/>", encodeValue(base ?? {}), "\u0000\u0001"]),
      );
      headers.push(["content-type", ct]);
      if (rng.chance(0.1)) headers.pop();
      break;
    }
    case "forgedJwt":
      if (base) jsonBody(encodeValue(base));
      break;
    case "oddIds":
      pathParam = rng.pick(ODD_IDS);
      if (base) jsonBody(encodeValue(base));
      break;
    case "oddMethod":
      method = rng.pick(ODD_METHODS);
      if (base && rng.chance(0.5)) jsonBody(encodeValue(base));
      break;
    case "queryPollution":
      // Half aimed at this route's own parameters, half from the general list.
      query =
        route.query.length > 0 && rng.chance(0.5)
          ? `${rng.pick(route.query)}=${rng.pick(QUERY_VALUES)}`
          : rng.pick(QUERY_POLLUTION);
      break;
    case "oddHeaders": {
      const [name, value] = rng.pick(ODD_HEADERS);
      if (name === "authorization") {
        authMode = "malformed";
        token = null;
      }
      headers.push([name, value]);
      if (base) jsonBody(encodeValue(base));
      break;
    }
    case "rawProtocol":
      extraRaw = {
        protocol: rng.pick([
          "chunkedBad",
          "chunkedGood",
          "clAndTe",
          "duplicateCl",
          "negativeCl",
          "hugeCl",
          "http10",
          "absoluteUri",
          "noHost",
          "bareLf",
        ]),
      };
      if (base) jsonBody(encodeValue(base));
      break;
  }

  // Logout with a valid token and a body that could be valid would end that token's session:
  // it gets broken JSON, sent as an ordinary request (a raw protocol quirk, such as HTTP/1.0
  // without Content-Length, could deliver no body at all, which is a valid logout).
  if (route.path === "/auth/logout" && (authMode === "user" || authMode === "admin")) {
    body = Buffer.from('{"refreshToken": ');
    headers.splice(0, headers.length, ["content-type", "application/json"]);
    extraRaw = null;
  }

  // Changing one's own account with a valid token could end sessions and rename the account
  // the rest of the run signs in as: with one, PUT /api/user only gets bodies that cannot be
  // valid (broken JSON, or an envelope holding no object), sent as ordinary requests.
  if (realworld && route.method === "PUT" && route.path === "/user" && authMode in auth) {
    body = Buffer.from(rng.pick(['{"user": ', '{"user": null}', '{"user": []}', '{"user": 1}']));
    headers.splice(0, headers.length, ["content-type", "application/json"]);
    extraRaw = null;
  }

  if (token) headers.push(["authorization", `${route.scheme ?? "Bearer"} ${token}`]);
  const prefix = route.prefix ?? "/api/v1";
  const path =
    prefix + route.path.replace(/\{[^}]+\}/g, () => pathParam) + (query ? `?${query}` : "");
  return {
    n,
    category,
    door: realworld ? "realworld" : "v1",
    prefix,
    route: `${route.method} ${realworld ? prefix : ""}${route.path}`,
    authMode,
    method,
    path,
    headers,
    body,
    raw: extraRaw,
  };
}

// Slugs and usernames no article or account has (the RealWorld door names things by them).
const UNKNOWN_NAMES = ["no-such-article", "seeded-post-999999", "nobody_here", "seeded_999999"];

function pickId(rng, route, ids) {
  if (route.pathParams.length === 0) return "";
  if (route.door === "realworld") {
    // Only GET names real articles and accounts: every other method aims at names no row has.
    const real = route.pathParams[0] === "username" ? ids.usernames : ids.slugs;
    if (route.method === "GET" && real?.length > 0 && rng.chance(0.3)) return rng.pick(real);
    return rng.pick([...UNKNOWN_NAMES, "999999", ...ODD_IDS]);
  }
  // PUT and DELETE only aim at ids that do not exist (or are not ids), so the rows the run
  // compares stay put; GET may read real ones.
  const real = route.path.startsWith("/posts") ? ids.posts : ids.users;
  if (route.method === "GET" && real.length > 0 && rng.chance(0.3)) return String(rng.pick(real));
  if (
    route.method === "PUT" &&
    route.path.startsWith("/posts") &&
    real.length > 0 &&
    rng.chance(0.2)
  )
    return String(rng.pick(real));
  return rng.pick(["999999", "2147483647", ...ODD_IDS]);
}

// ---------------------------------------------------------------------------------------------
// Sending over a raw socket: one connection per request (Connection: close), status line parsed.

export function toBytes(request, { host }) {
  const { method, path, headers, body, raw } = request;
  const protocol = raw?.protocol;
  let target = Buffer.from(path);
  if (raw?.pathBytes) {
    const prefix = (request.prefix ?? "/api/v1").replace(/\//g, "\\/");
    const [before, after] = path.split(new RegExp(`(?<=${prefix}\\/[a-z]+)`));
    target = Buffer.concat([Buffer.from(before + "/"), raw.pathBytes, Buffer.from(after ?? "")]);
  }
  if (protocol === "absoluteUri") target = Buffer.concat([Buffer.from(`http://${host}`), target]);
  const version = protocol === "http10" ? "HTTP/1.0" : "HTTP/1.1";
  const eol = protocol === "bareLf" ? "\n" : "\r\n";
  const lines = [Buffer.concat([Buffer.from(`${method} `), target, Buffer.from(` ${version}`)])];
  if (protocol !== "noHost") lines.push(Buffer.from(`Host: ${host}`));
  lines.push(Buffer.from("Connection: close"));
  for (const [name, value] of headers) {
    lines.push(Buffer.concat([Buffer.from(`${name}: `), Buffer.from(value)]));
  }
  let payload = body ?? Buffer.alloc(0);
  if (protocol === "chunkedGood" || protocol === "chunkedBad" || protocol === "clAndTe") {
    lines.push(Buffer.from("Transfer-Encoding: chunked"));
    if (protocol === "clAndTe") lines.push(Buffer.from(`Content-Length: ${payload.length}`));
    const size = protocol === "chunkedBad" ? "zz" : payload.length.toString(16);
    payload = Buffer.concat([Buffer.from(`${size}\r\n`), payload, Buffer.from("\r\n0\r\n\r\n")]);
  } else if (protocol === "duplicateCl") {
    lines.push(Buffer.from(`Content-Length: ${payload.length}`));
    lines.push(Buffer.from(`Content-Length: ${payload.length + 1}`));
  } else if (protocol === "negativeCl") {
    lines.push(Buffer.from("Content-Length: -1"));
  } else if (protocol === "hugeCl") {
    // Over the body limit: the server must refuse it from the header alone (413), not wait.
    lines.push(Buffer.from("Content-Length: 99999999999"));
  } else if (payload.length > 0 || ["POST", "PUT"].includes(method)) {
    lines.push(Buffer.from(`Content-Length: ${payload.length}`));
  }
  const eolBytes = Buffer.from(eol);
  const head = Buffer.concat(lines.flatMap((line) => [line, eolBytes]).concat(eolBytes));
  return Buffer.concat([head, payload]);
}

/**
 * Sends one request; resolves to { status, headers, body } or { status: 0, error } when no
 * response came (a reset before any byte, or `timeoutMs` without an answer).
 */
export function send(baseUrl, request, { timeoutMs = 15_000 } = {}) {
  const url = new URL(baseUrl);
  const bytes = toBytes(request, { host: url.host });
  return new Promise((resolve) => {
    const socket = connect({
      host: url.hostname === "localhost" ? "127.0.0.1" : url.hostname,
      port: Number(url.port),
    });
    const chunks = [];
    let received = 0;
    let done = false;
    const finish = (error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks), error));
    };
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    socket.on("connect", () => {
      socket.write(bytes, () => {});
    });
    socket.on("data", (chunk) => {
      if (received < 256 * 1024) chunks.push(chunk);
      received += chunk.length;
      if (isComplete(Buffer.concat(chunks))) finish();
    });
    socket.on("end", () => finish());
    socket.on("close", () => finish());
    // EPIPE/ECONNRESET after the server already answered (e.g. 413 before the whole body was
    // read) is normal; parseResponse reports no status if nothing arrived.
    socket.on("error", (error) => finish(error.code ?? String(error)));
  });
}

// Interim 1xx answers (100 Continue) come before the real one.
function skipInterim(buffer) {
  while (/^HTTP\/1\.[01] 1\d\d /.test(buffer.subarray(0, 16).toString("latin1"))) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return buffer;
    buffer = buffer.subarray(end + 4);
  }
  return buffer;
}

function isComplete(whole) {
  const buffer = skipInterim(whole);
  const end = buffer.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const head = buffer.subarray(0, end).toString("latin1");
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (!length) return false;
  return buffer.length - end - 4 >= Number(length[1]);
}

function parseResponse(whole, error) {
  const buffer = skipInterim(whole);
  const end = buffer.indexOf("\r\n\r\n");
  const head = buffer.subarray(0, end < 0 ? buffer.length : end).toString("latin1");
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  if (!match) return { status: 0, headers: {}, body: "", error: error ?? "no response" };
  const headers = {};
  for (const line of head.split("\r\n").slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = end < 0 ? "" : buffer.subarray(end + 4).toString("utf8");
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) body = dechunk(body);
  return { status: Number(match[1]), headers, body };
}

function dechunk(text) {
  let out = "";
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf("\r\n");
    if (lineEnd < 0) break;
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!size) break;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
  return out;
}

/**
 * What a response to a hostile request must look like: no 5xx, an answer at all, and when the
 * app (not Node's HTTP parser) answered with an error, an RFC 9457 problem body.
 */
export function verdict(request, response) {
  if (response.status === 0) return `no response (${response.error})`;
  if (response.status >= 500) return `status ${response.status}`;
  const fromApp = "x-request-id" in response.headers;
  if (request.door === "realworld") return realworldVerdict(request, response, fromApp);
  if (fromApp && response.status >= 400 && request.method !== "HEAD") {
    if (!(response.headers["content-type"] ?? "").startsWith("application/problem+json"))
      return `error without a problem body (${response.headers["content-type"]})`;
    try {
      const problem = JSON.parse(response.body);
      if (problem.status !== response.status) return "problem status differs from the response";
      if (/at \w+ \(|node_modules|prisma|SELECT |stack/i.test(response.body))
        return "problem body leaks internals";
    } catch {
      return "problem body is not JSON";
    }
  }
  return null;
}

/** The RealWorld door's errors: JSON whose `errors` is an object of field → messages. */
function realworldVerdict(request, response, fromApp) {
  if (!fromApp || response.status < 400 || request.method === "HEAD") return null;
  if (!(response.headers["content-type"] ?? "").startsWith("application/json"))
    return `error without a RealWorld body (${response.headers["content-type"]})`;
  try {
    const { errors } = JSON.parse(response.body);
    if (typeof errors !== "object" || errors === null || Array.isArray(errors))
      return "RealWorld error body has no errors object";
    if (/at \w+ \(|node_modules|prisma|SELECT |stack/i.test(response.body))
      return "RealWorld error body leaks internals";
  } catch {
    return "RealWorld error body is not JSON";
  }
  return null;
}

/** Runs `requests` with `concurrency` in flight; calls onResult(request, response) for each. */
export async function runAll(baseUrl, requests, { concurrency = 20, timeoutMs, onResult } = {}) {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      const response = await send(baseUrl, request, { timeoutMs });
      await onResult?.(request, response);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
