import type { TestProject } from "vitest/node";
import { startAppServer } from "./appServer";
import { serverTestEnv } from "./testEnv";

// One real server for all HTTP tests of a run; each test makes its own data, so they can share it.
export default async function setup(project: TestProject) {
  const server = await startAppServer({ env: serverTestEnv });
  project.provide("serverUrl", server.url);
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
  }
}
