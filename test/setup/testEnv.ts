// The environment every server-side test process runs with. scripts/test.mjs passes
// TEST_DATABASE_URL (a freshly migrated database); running vitest directly falls back to the
// local PostgreSQL service.
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/inkwell_test";

export const serverTestEnv = {
  NODE_ENV: "development",
  DATABASE_URL: TEST_DATABASE_URL,
  WASP_WEB_CLIENT_URL: "http://localhost:3000",
  WASP_SERVER_URL: "http://localhost:3001",
  // Development mode skips the email click so tests can sign up and log in at once.
  SKIP_EMAIL_VERIFICATION_IN_DEV: "true",
};

// The browser tests' first admin: ADMIN_EMAILS promotes this address when it signs up.
export const E2E_ADMIN_EMAIL = "admin@e2e.inkwell";
