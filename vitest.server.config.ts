// Server tests: vitest in Node against the real PostgreSQL test database and the real server bundle.
import { defineConfig } from "vitest/config";
import { serverTestEnv } from "./test/setup/testEnv.ts";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/integration/**/*.test.ts", "src/**/*.server.test.ts"],
    globalSetup: ["./test/setup/serverGlobalSetup.ts"],
    env: serverTestEnv,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
