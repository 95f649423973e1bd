// npm run fault:hostile: proof that hostile input never breaks the REST API. Starts the built
// server bundle (NODE_ENV=production) against its own seeded database and Redis key space,
// fires HOSTILE_COUNT (default 12,000) generated bad requests (seed HOSTILE_SEED, default 1) at
// every /api/v1 route from /api/v1/openapi.json and (HOSTILE_REALWORLD_SHARE, default a third of
// them) every route of the RealWorld door (/api) from its route descriptions, then checks: no
// 5xx, every request answered, error bodies are problems (on /api, `{"errors": {…}}` JSON), the
// process stayed up, no row changed except by valid requests,
// and injection-looking but valid text is stored and returned byte for byte. A last phase runs
// a second instance with the default rate limits and checks its 429s. Prints a JSON summary and
// exits non-zero when any check fails.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import {
  localRedisUrl,
  prepareDatabase,
  productionEnv,
  redisReady,
  scratchDatabaseUrl,
  startApp,
} from "../lib/app-process.mjs";
import { ensureServerBundle } from "../lib/build.mjs";
import { redact } from "../lib/database.mjs";
import { log } from "../lib/process.mjs";
import {
  createRng,
  deriveRoutes,
  forgeTokens,
  generateRequests,
  realworldApiRoutes,
  runAll,
  verdict,
} from "./lib/hostile.mjs";
import { loadRealWorldRoutes } from "./lib/realworld-routes.mjs";

const COUNT = Number(process.env.HOSTILE_COUNT ?? 12_000);
const SEED = Number(process.env.HOSTILE_SEED ?? 1);
const REALWORLD_SHARE = Number(process.env.HOSTILE_REALWORLD_SHARE ?? 1 / 3);
const CONCURRENCY = Number(process.env.HOSTILE_CONCURRENCY ?? 20);
const PORT = Number(process.env.HOSTILE_PORT ?? 3561);
const LIMITED_PORT = PORT + 1;
const BATCH = 2_000;
const BODY_LIMIT_BYTES = 100 * 1024; // API_BODY_LIMIT's default, "100kb"
const API_SECRET = "hostile-api-secret-0123456789abcdef0123456789";
const ADMIN_EMAIL = "admin@hostile.inkwell";
const PASSWORD = "hostile pass 12345";
// The platform's own rows too: no generated request aims a comment, favourite or follow at
// something that exists, so any of those rows appearing is an unexpected write.
const TABLES = [
  "User",
  "Post",
  "RefreshToken",
  "AuditLog",
  "Report",
  "Comment",
  "Favorite",
  "Follow",
];
const RESULTS_DIR = "fault-results";
const cleanups = [];

async function query(url, sql, params = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function seed(url) {
  await prepareDatabase(url);
  await query(
    url,
    `INSERT INTO "User" (email, name, username, "updatedAt")
     SELECT 'seeded' || i || '@hostile.inkwell', 'Seeded ' || i, 'seeded_' || i, now()
     FROM generate_series(1, 5) i`,
  );
  await query(
    url,
    `INSERT INTO "Post" (slug, title, content, "authorId", "createdAt", "updatedAt")
     SELECT 'seeded-post-' || i, 'Seeded post ' || i, 'Seeded content ' || i, 1 + i % 5,
            now() - (i || ' s')::interval, now()
     FROM generate_series(1, 20) i;
     INSERT INTO "PostSlug" (slug, "postId") SELECT slug, id FROM "Post"`,
  );
}

async function rowCounts(url) {
  const counts = {};
  for (const table of TABLES) {
    const [row] = await query(url, `SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = row.n;
  }
  return counts;
}

async function startServer(name, env, port) {
  const server = await startApp({ name, env, port });
  cleanups.push(() => server.stop());
  return server;
}

async function json(method, url, { body, token } = {}) {
  const response = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text ? JSON.parse(text) : null,
  };
}

async function register(base, email, name) {
  const response = await json("POST", `${base}/api/v1/auth/register`, {
    body: { email, name, password: PASSWORD },
  });
  if (response.status !== 201)
    throw new Error(`register ${email}: ${response.status} ${response.text}`);
  return response.body;
}

// ADMIN_EMAILS promotes an address only once it is verified: the admin's address is marked
// verified in the database (as opening the emailed link would), then the login promotes it.
async function verifiedAdmin(base, db) {
  await register(base, ADMIN_EMAIL, "Hostile Admin");
  await query(
    db,
    `UPDATE "AuthIdentity" SET "providerData" =
       jsonb_set("providerData"::jsonb, '{isEmailVerified}', 'true')::text
     WHERE "providerName" = 'email' AND "providerUserId" = $1`,
    [ADMIN_EMAIL],
  );
  const login = await json("POST", `${base}/api/v1/auth/login`, {
    body: { email: ADMIN_EMAIL, password: PASSWORD },
  });
  if (login.status !== 200 || login.body.user.role !== "ADMIN") {
    throw new Error(`admin login: ${login.status} ${login.text}`);
  }
  return login.body;
}

async function healthy(base) {
  try {
    return (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) })).status === 200;
  } catch {
    return false;
  }
}

// What a response to a generated request may have written, by route and status. The generator
// aims PUT/DELETE at ids that do not exist and never sends valid tokens to sign-in routes, so
// only these can change a row; anything else that changed counts as an unexpected write.
// `unreconcilable`: a success whose writes cannot be told from its status (an edit, a deletion
// with cascades, an idempotent favourite or follow); it should not happen, and fails the run.
const SIGN_UP = { User: 1, RefreshToken: 1, AuditLog: 1 };
const LOG_IN = { RefreshToken: 1, AuditLog: 1 };
const UNRECONCILABLE = { unreconcilable: 1 };
const WRITES = {
  "POST /posts 201": { Post: 1 },
  "POST /auth/register 201": SIGN_UP,
  "POST /auth/login 200": LOG_IN,
  "POST /auth/refresh 200": { RefreshToken: 1 },
  "POST /auth/logout 204": { AuditLog: 1 },
  "PUT /users/{id} 200": { AuditLog: 1 },
  "DELETE /posts/{id} 204": { Post: -1, AuditLog: 1 },
  "DELETE /users/{id} 204": UNRECONCILABLE,
  // The RealWorld door (src/api/realworld/*.handlers.ts), on the same services. Everything that
  // writes there but sign-up, login and a new article names an article, comment or account,
  // and only GETs name real ones; PUT /api/user with a valid token only gets invalid bodies.
  "POST /api/users 201": SIGN_UP,
  "POST /api/users/login 200": LOG_IN,
  "POST /api/articles 201": { Post: 1 },
  "PUT /api/user 200": UNRECONCILABLE,
  "PUT /api/articles/{slug} 200": UNRECONCILABLE,
  "DELETE /api/articles/{slug} 204": { Post: -1, AuditLog: 1 },
  "POST /api/articles/{slug}/comments 201": { Comment: 1 },
  "DELETE /api/articles/{slug}/comments/{id} 204": { Comment: -1 },
  "POST /api/articles/{slug}/favorite 200": UNRECONCILABLE,
  "DELETE /api/articles/{slug}/favorite 200": UNRECONCILABLE,
  "POST /api/profiles/{username}/follow 200": UNRECONCILABLE,
  "DELETE /api/profiles/{username}/follow 200": UNRECONCILABLE,
};
// A failed sign-in is audited: a 401 that the credentials check (not a token) produced.
const FAILED_SIGN_IN = new Set(["POST /auth/login", "POST /api/users/login"]);

function writesOf(request, status) {
  const route = request.route;
  // Another method (OPTIONS answers the CORS preflight, 204) never reaches the route's handler.
  if (!route.startsWith(`${request.method} `)) return null;
  if (status === 401 && request.authMode === "none" && FAILED_SIGN_IN.has(route)) {
    return { AuditLog: 1 };
  }
  return WRITES[`${route} ${status}`] ?? null;
}

const LITERAL_TITLES = [
  `'); DROP TABLE "Post"; --`,
  `' OR 1=1 --`,
  `<img src=x onerror=alert(1)>`,
  `<script>alert("x")</script>`,
  `{"$ne": null}`,
  `{"$gt": ""}`,
  `😀 emoji 👩‍👩‍👧‍👦 and 🏳️‍🌈`,
  `\u202Eevil RTL override\u202C and \u200Fمرحبا`,
  `Z̷̢̛̙̮͍a̸̧̛̰l̴̨̢̛g̵o`,
  `back\\slash "quotes" \`ticks\` $dollar %percent`,
];

async function literalStorage(base, db, token) {
  const checks = {};
  let failures = 0;
  for (const [i, title] of LITERAL_TITLES.entries()) {
    const content = `${title}\n\n${LITERAL_TITLES[(i + 1) % LITERAL_TITLES.length]}`;
    const created = await json("POST", `${base}/api/v1/posts`, { token, body: { title, content } });
    const id = created.body?.id;
    const fetched = id ? await json("GET", `${base}/api/v1/posts/${id}`) : null;
    const [row] = id
      ? await query(
          db,
          `SELECT title, content, convert_to(title, 'UTF8') AS bytes FROM "Post" WHERE id = $1`,
          [id],
        )
      : [];
    const check = {
      created: created.status,
      fetched: fetched?.status ?? null,
      apiSame: fetched?.body?.title === title && fetched?.body?.content === content,
      databaseSame:
        row?.title === title &&
        row?.content === content &&
        Buffer.compare(row.bytes, Buffer.from(title, "utf8")) === 0,
    };
    if (created.status !== 201 || !check.apiSame || !check.databaseSame) failures++;
    checks[title] = check;
  }
  return { checks, failures, created: LITERAL_TITLES.length };
}

// Unset: the server's defaults (300/min anonymous, 20/min sign-ins per IP, …).
const DEFAULT_LIMITS = {
  RATE_LIMIT_ANON_PER_MIN: undefined,
  RATE_LIMIT_USER_PER_MIN: undefined,
  RATE_LIMIT_AUTH_IP_PER_MIN: undefined,
  RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: undefined,
  RATE_LIMIT_WEB_PER_MIN: undefined,
};

// The routes the per-IP sign-in budget covers, at the web door and both REST doors (the
// RealWorld door's, from its route descriptions, are added in main).
const SIGN_IN_PATHS = [
  "/api/v1/auth/login",
  "/api/v1/auth/register",
  "/api/v1/auth/refresh",
  "/api/v1/auth/password",
  "/auth/email/login",
  "/auth/email/signup",
  "/auth/email/request-password-reset",
  "/auth/email/reset-password",
];

/** A spelling of `path` that Express routes like the path itself. */
function spelling(path, rng) {
  const cased = [...path].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c)).join("");
  return `${cased}${rng.chance(0.5) ? "/" : ""}${rng.chance(0.3) ? "?via=hostile" : ""}`;
}

/** A RealWorld refusal: `{"errors": {…}}` JSON with Retry-After. */
function realworldRefusal(response) {
  let body = null;
  try {
    body = JSON.parse(response.body);
  } catch {
    return false;
  }
  const retryAfter = Number(response.headers["retry-after"]);
  return (
    (response.headers["content-type"] ?? "").startsWith("application/json") &&
    typeof body?.errors === "object" &&
    body.errors !== null &&
    retryAfter >= 1 &&
    retryAfter <= 900
  );
}

/** A web-door refusal: Wasp's error shape ({ message }) with Retry-After. */
function webRefusal(response) {
  let body = null;
  try {
    body = JSON.parse(response.body);
  } catch {
    return false;
  }
  const retryAfter = Number(response.headers["retry-after"]);
  return /Too many attempts/.test(body?.message ?? "") && retryAfter >= 1 && retryAfter <= 900;
}

// Exact counts are what this phase checks. With the default 150 ms command timeout, a machine
// busy enough to stall the server falls back to counting per instance (on purpose: see
// test/integration/redis/outage.test.ts), which would be a different test.
const SHARED_COUNTING = { REDIS_COMMAND_TIMEOUT_MS: "2000" };

async function rateLimitPhase(env) {
  const server = await startServer(
    "app (default limits)",
    {
      ...env,
      REDIS_PREFIX: `${env.REDIS_PREFIX}limited:`,
      ...DEFAULT_LIMITS,
      ...SHARED_COUNTING,
    },
    LIMITED_PORT,
  );
  await redisReady(server);
  const byStatus = {};
  let malformed = 0;
  const check = (response, request) => {
    byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
    if (response.status !== 429) return;
    if (!/^\/api\//i.test(request.path)) return webRefusal(response) || malformed++;
    if (!/^\/api\/v1\//i.test(request.path)) return realworldRefusal(response) || malformed++;
    let problem = null;
    try {
      problem = JSON.parse(response.body);
    } catch {
      /* counted below */
    }
    const retryAfter = Number(response.headers["retry-after"]);
    if (
      !(response.headers["content-type"] ?? "").startsWith("application/problem+json") ||
      problem?.status !== 429 ||
      problem?.type !== "urn:inkwell:problem:rate-limited" ||
      !(retryAfter >= 1 && retryAfter <= 900) ||
      !response.headers["ratelimit-limit"]
    )
      malformed++;
  };
  // The general limit (300/min anonymous) on the feed, then the sign-in limit (20/min per IP).
  const feed = Array.from({ length: 360 }, (_, n) => ({
    n,
    category: "rateLimit",
    route: "GET /posts",
    authMode: "none",
    method: "GET",
    path: "/api/v1/posts?limit=1",
    headers: [],
    raw: null,
  }));
  let feedPassed = 0;
  await runAll(server.url, feed, {
    concurrency: CONCURRENCY,
    onResult: (q, r) => {
      if (r.status !== 429) feedPassed++;
      check(r, q);
    },
  });
  await server.stop();
  // A fresh key space for the sign-in limit, so the general one does not answer first.
  const auth = await startServer(
    "app (default limits, sign-in)",
    {
      ...env,
      REDIS_PREFIX: `${env.REDIS_PREFIX}limited-auth:`,
      ...DEFAULT_LIMITS,
      ...SHARED_COUNTING,
    },
    LIMITED_PORT,
  );
  await redisReady(auth);
  // Every limited sign-in route of both doors, each request under a seeded spelling Express
  // routes to the same handler (random case, a trailing slash, a query string): all of them
  // spend the one per-IP budget, so exactly its 20 pass and every other one is refused.
  const rng = createRng(SEED);
  const signIn = Array.from({ length: 60 }, (_, n) => ({
    n,
    category: "rateLimit",
    route: "POST sign-in",
    authMode: "none",
    method: "POST",
    path: spelling(rng.pick(SIGN_IN_PATHS), rng),
    headers: [["content-type", "application/json"]],
    body: Buffer.from("{}"),
    raw: null,
  }));
  let signInRefused = 0;
  await runAll(auth.url, signIn, {
    concurrency: 5,
    onResult: (q, r) => {
      if (r.status === 429) signInRefused++;
      check(r, q);
    },
  });
  await auth.stop();
  const signInPassed = signIn.length - signInRefused;
  return {
    requests: feed.length + signIn.length,
    byStatus,
    malformed429: malformed,
    feed: { requests: feed.length, passed: feedPassed },
    signIn: { requests: signIn.length, passed: signInPassed, refused: signInRefused },
  };
}

async function main() {
  await ensureServerBundle({ log });
  const started = Date.now();
  const db = await scratchDatabaseUrl("inkwell_fault_hostile", process.env.HOSTILE_DATABASE_URL);
  const redis = await localRedisUrl({
    given: process.env.HOSTILE_REDIS_URL,
    port: 6393,
    cleanups,
  });
  log(`seeding ${redact(db)}; Redis at ${redis}`);
  await seed(db);

  const env = productionEnv({
    databaseUrl: db,
    redisUrl: redis,
    redisPrefix: `inkwell-hostile:${Date.now()}:`,
    API_JWT_SECRET: API_SECRET, // known here: the generator forges tokens with it
    ADMIN_EMAILS: ADMIN_EMAIL,
    LOG_LEVEL: "error",
    LOG_FORMAT: "json",
  });
  const server = await startServer("app", env, PORT);
  const base = server.url;

  // Accounts: a plain user, an admin (ADMIN_EMAILS), and one deleted with its token kept.
  const user = await register(base, "user@hostile.inkwell", "Hostile User");
  const admin = await verifiedAdmin(base, db);
  const gone = await register(base, "gone@hostile.inkwell", "Gone User");
  const deleted = await json("DELETE", `${base}/api/v1/users/${gone.user.id}`, {
    token: gone.accessToken,
  });
  if (deleted.status !== 204) throw new Error(`deleting the gone user: ${deleted.status}`);
  const forged = {
    ...forgeTokens({ secret: API_SECRET, userId: user.user.id }),
    deletedUser: gone.accessToken,
  };

  const openapi = await json("GET", `${base}/api/v1/openapi.json`);
  const v1Routes = deriveRoutes(openapi.body);
  const realworld = await loadRealWorldRoutes();
  const realworldRoutes = realworldApiRoutes(realworld.routes, realworld.prefix);
  for (const route of realworld.routes.filter((candidate) => candidate.signIn))
    SIGN_IN_PATHS.push(`${realworld.prefix}${route.path}`);
  const routes = [...v1Routes, ...realworldRoutes];
  const posts = (await query(db, `SELECT id FROM "Post" ORDER BY id`)).map((r) => r.id);
  const users = (await query(db, `SELECT id FROM "User" ORDER BY id`)).map((r) => r.id);
  const slugs = (await query(db, `SELECT slug FROM "Post" ORDER BY id`)).map((r) => r.slug);
  const usernames = (await query(db, `SELECT username FROM "User" WHERE username IS NOT NULL`)).map(
    (r) => r.username,
  );
  const requests = generateRequests({
    seed: SEED,
    count: COUNT,
    doors: [
      { routes: v1Routes, share: 1 - REALWORLD_SHARE },
      { routes: realworldRoutes, share: REALWORLD_SHARE },
    ],
    auth: { user: user.accessToken, admin: admin.accessToken },
    forged,
    bodyLimitBytes: BODY_LIMIT_BYTES,
    ids: { posts, users, slugs, usernames },
  });
  log(
    `${v1Routes.length} + ${realworldRoutes.length} routes, ${requests.length} requests ` +
      `(seed ${SEED}), concurrency ${CONCURRENCY}`,
  );

  const before = await rowCounts(db);
  const byStatus = {};
  const byCategory = {};
  const byDoor = {};
  const failures = [];
  const expected = Object.fromEntries(TABLES.map((t) => [t, 0]));
  let unreconcilable = 0;
  const debugLog = [];
  let healthChecks = 0;
  let healthFailures = 0;
  for (let offset = 0; offset < requests.length; offset += BATCH) {
    const batch = requests.slice(offset, offset + BATCH);
    await runAll(base, batch, {
      concurrency: CONCURRENCY,
      onResult: (request, response) => {
        byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
        const door = (byDoor[request.door] ??= { requests: 0, byStatus: {}, failures: 0 });
        door.requests++;
        door.byStatus[response.status] = (door.byStatus[response.status] ?? 0) + 1;
        const category = (byCategory[request.category] ??= {});
        category[response.status] = (category[response.status] ?? 0) + 1;
        const problem = verdict(request, response);
        if (problem) {
          door.failures++;
          failures.push({
            n: request.n,
            door: request.door,
            category: request.category,
            route: request.route,
            method: request.method,
            path: request.path.slice(0, 200),
            authMode: request.authMode,
            raw: request.raw?.protocol ?? (request.raw?.pathBytes ? "pathBytes" : undefined),
            status: response.status,
            problem,
            body: response.body.slice(0, 300),
          });
        }
        const writes = writesOf(request, response.status);
        if (process.env.HOSTILE_DEBUG && /^POST \/(api\/)?(auth|users)/.test(request.route))
          debugLog.push({
            n: request.n,
            route: request.route,
            method: request.method,
            category: request.category,
            authMode: request.authMode,
            raw: request.raw?.protocol,
            status: response.status,
            requestId: response.headers["x-request-id"],
            writes,
          });
        for (const [table, delta] of Object.entries(writes ?? {})) {
          if (table === "unreconcilable") unreconcilable += delta;
          else expected[table] += delta;
        }
      },
    });
    healthChecks++;
    if (!(await healthy(base))) healthFailures++;
    log(
      `${Math.min(offset + BATCH, requests.length)}/${requests.length} sent; ` +
        `${Object.entries(byStatus)
          .map(([s, n]) => `${s}:${n}`)
          .join(" ")}; healthz ${healthFailures === 0 ? "ok" : "FAILED"}`,
    );
  }

  if (process.env.HOSTILE_DEBUG) {
    const audits = await query(db, `SELECT action, "requestId" FROM "AuditLog"`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, "hostile-debug.json"), JSON.stringify({ debugLog, audits }));
  }
  const literal = await literalStorage(base, db, user.accessToken);
  expected.Post += literal.created;

  const after = await rowCounts(db);
  const unexpected = {};
  let unexpectedWrites = unreconcilable;
  for (const table of TABLES) {
    const diff = after[table] - (before[table] + expected[table]);
    if (diff !== 0) unexpected[table] = diff;
    unexpectedWrites += Math.abs(diff);
  }
  const processAlive = server.alive() && (await healthy(base));
  const serverErrors = server
    .output()
    .split("\n")
    .filter((line) => /"level":(50|60)/.test(line))
    .slice(0, 5)
    .map((line) => line.slice(0, 500));
  await server.stop();

  const rateLimits = await rateLimitPhase(env);
  const fivexx = Object.entries(byStatus)
    .filter(([status]) => Number(status) >= 500)
    .reduce((sum, [, n]) => sum + n, 0);
  const summary = {
    seed: SEED,
    requests: requests.length,
    routes: routes.map((r) => `${r.method} ${r.path}`),
    concurrency: CONCURRENCY,
    seconds: Math.round((Date.now() - started) / 1000),
    byStatus,
    byDoor,
    byCategory,
    fivexx,
    noResponse: byStatus[0] ?? 0,
    badResponses: failures.length,
    failures: failures.slice(0, 20),
    processAlive,
    healthChecks,
    healthFailures,
    rowCountsBefore: before,
    rowCountsAfter: after,
    expectedDeltas: expected,
    unexpectedWrites,
    unexpected,
    literalStorageChecks: {
      posts: literal.created,
      failures: literal.failures,
      checks: literal.checks,
    },
    rateLimits,
    serverErrorLogLines: serverErrors,
  };
  console.log(JSON.stringify(summary, null, 2));
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    join(RESULTS_DIR, "hostile.json"),
    JSON.stringify({ ...summary, failures }, null, 2),
  );
  const assertions = {
    "at least 10,000 requests": requests.length >= 10_000,
    "no 5xx": fivexx === 0,
    "every request answered, error bodies are problems": failures.length === 0,
    "process alive and healthy throughout": processAlive && healthFailures === 0,
    "no unexpected writes": unexpectedWrites === 0,
    "valid injection-looking text stored literally": literal.failures === 0,
    "default limits answer well-formed 429s":
      (rateLimits.byStatus[429] ?? 0) > 0 && rateLimits.malformed429 === 0,
    "the general limit admits exactly its 300 per IP": rateLimits.feed.passed === 300,
    "every spelling of every sign-in route spends one budget (20 per IP)":
      rateLimits.signIn.passed === 20,
  };
  const failed = Object.entries(assertions).filter(([, ok]) => !ok);
  for (const [name, ok] of Object.entries(assertions)) log(`${ok ? "ok  " : "FAIL"} ${name}`);
  return failed.length === 0;
}

let ok = false;
let failure = null;
try {
  ok = await main();
} catch (error) {
  failure = error;
}
for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
await sleep(10);
if (failure) {
  console.error(failure);
  process.exit(1);
}
process.exit(ok ? 0 : 1);
