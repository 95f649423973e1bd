// Browser tests: headless Chromium against the built web app and the real server bundle.
import { defineConfig } from "vitest/config";
import { serverTestEnv } from "./test/setup/testEnv.ts";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/e2e/**/*.e2e.test.ts"],
    globalSetup: ["./test/setup/e2eGlobalSetup.ts"],
    env: serverTestEnv,
    fileParallelism: false, // one browser at a time on two cores
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
