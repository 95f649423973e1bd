// The environment every server-side test process runs with. scripts/test.mjs passes
// TEST_DATABASE_URL (a freshly migrated database); running vitest directly falls back to the
// local PostgreSQL service.
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/inkwell_test";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
// One key space per test run, so parallel runs on one Redis never see each other's keys. Set
// once in the main vitest process; workers and servers inherit it.
process.env.TEST_REDIS_PREFIX ??= `inkwell-test:${process.pid}:${Date.now()}:`;
export const TEST_REDIS_PREFIX = process.env.TEST_REDIS_PREFIX;

export const TEST_JWT_SECRET = "inkwell-test-suite-secret-0123456789abcdef";

export const serverTestEnv = {
  NODE_ENV: "development",
  DATABASE_URL: TEST_DATABASE_URL,
  WASP_WEB_CLIENT_URL: "http://localhost:3000",
  WASP_SERVER_URL: "http://localhost:3001",
  // Development mode skips the email click so tests can sign up and log in at once.
  SKIP_EMAIL_VERIFICATION_IN_DEV: "true",
  // Known to the tests so they can forge tokens (expired, wrong audience, …) signed with it.
  API_JWT_SECRET: TEST_JWT_SECRET,
  REDIS_URL: TEST_REDIS_URL,
  REDIS_PREFIX: TEST_REDIS_PREFIX,
  // Generous: the rate-limit tests start their own servers with small limits.
  RATE_LIMIT_ANON_PER_MIN: "100000",
  RATE_LIMIT_USER_PER_MIN: "100000",
  RATE_LIMIT_AUTH_IP_PER_MIN: "100000",
  RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: "100000",
  RATE_LIMIT_WEB_PER_MIN: "100000",
  // Logs as JSON lines (tests parse them), /metrics behind a token, and the /__test/* routes.
  LOG_FORMAT: "json",
  METRICS_TOKEN: "test-metrics-token",
  INKWELL_TEST_ROUTES: "1",
};

// The browser tests' first admin: ADMIN_EMAILS promotes this address when it signs up.
export const E2E_ADMIN_EMAIL = "admin@e2e.inkwell";
