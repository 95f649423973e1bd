import type { TestProject } from "vitest/node";
import { startApp } from "../../scripts/lib/app-process.mjs";
import { ensureBuilds } from "../../scripts/lib/build.mjs";
import { E2E_SERVER_URL } from "./ports.mjs";
import { serverTestEnv } from "./testEnv";

// One real server for all HTTP tests of a run; each test makes its own data, so they can share it.
// The server bundle and the web build (the cluster test serves it) are rebuilt first when a
// source changed since they were built, so a plain `npx vitest run` never tests stale code.
export default async function setup(project: TestProject) {
  await ensureBuilds({ apiUrl: E2E_SERVER_URL });
  const server = await startApp({ env: serverTestEnv });
  project.provide("serverUrl", server.url);
  return async () => {
    await server.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
  }
}
