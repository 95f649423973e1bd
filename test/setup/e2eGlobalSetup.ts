import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startWebServer, WEB_BUILD_DIR } from "../../scripts/lib/web-server.mjs";
import { startAppServer } from "./appServer";
import { E2E_SERVER_PORT, E2E_SERVER_URL, E2E_WEB_PORT, E2E_WEB_URL } from "./ports.mjs";
import { E2E_ADMIN_EMAIL, serverTestEnv } from "./testEnv";

// The browser tests run against the production web build and the real server bundle.
export default async function setup(project: TestProject) {
  if (!existsSync(`${WEB_BUILD_DIR}/200.html`)) {
    throw new Error(
      `${WEB_BUILD_DIR} is missing: npm test builds it (REACT_APP_API_URL=${E2E_SERVER_URL})`,
    );
  }
  const server = await startAppServer({
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
