import type { TestProject } from "vitest/node";
import { startApp } from "../../scripts/lib/app-process.mjs";
import { ensureBuilds } from "../../scripts/lib/build.mjs";
import { startWebServer } from "../../scripts/lib/web-server.mjs";
import { E2E_SERVER_PORT, E2E_SERVER_URL, E2E_WEB_PORT, E2E_WEB_URL } from "./ports.mjs";
import { E2E_ADMIN_EMAIL, serverTestEnv } from "./testEnv";

// The browser tests run against the production web build and the real server bundle, both
// rebuilt first when a source changed since they were built (the web build calls E2E_SERVER_URL).
export default async function setup(project: TestProject) {
  await ensureBuilds({ apiUrl: E2E_SERVER_URL });
  const server = await startApp({
    port: E2E_SERVER_PORT,
    env: {
      ...serverTestEnv,
      WASP_WEB_CLIENT_URL: E2E_WEB_URL,
      WASP_SERVER_URL: E2E_SERVER_URL,
      ADMIN_EMAILS: E2E_ADMIN_EMAIL,
    },
  });
  const web = await startWebServer({ port: E2E_WEB_PORT });
  project.provide("webUrl", web.url);
  return async () => {
    await web.stop();
    await server.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
  }
}
