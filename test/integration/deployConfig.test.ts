import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { HSTS, inlineScriptHashes, webSecurityHeaders } from "../../deploy/security-headers.mjs";
import { WEB_BUILD_DIR } from "../../scripts/lib/web-server.mjs";
import { httpAt } from "../http";
import { startApp } from "../../scripts/lib/app-process.mjs";
import { serverTestEnv } from "../setup/testEnv";

// What Docker Compose runs but the tests cannot start (no Docker here): the nginx image's
// header include and the app's proxy trust. The cluster test runs the same nginx locations.
const read = (path: string) => readFileSync(path, "utf8");
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const locationBody = (template: string, location: string) =>
  new RegExp(`location ${escaped(location)} \\{([^}]*)\\}`).exec(template)?.[1] ?? "";

describe("Docker Compose nginx", () => {
  test("When the web image is built, then its pages get the one header set, rendered for that build", () => {
    const dockerfile = read("deploy/Dockerfile");
    // The build stage renders the include for its own build and PUBLIC_URL; the web stage
    // puts it where locations.inc includes it from (/etc/nginx + inkwell/…).
    expect(dockerfile).toContain(
      'node deploy/security-headers.mjs .wasp/out/web-app/build "$PUBLIC_URL"',
    );
    expect(dockerfile).toMatch(
      /COPY --from=build \/app\/\.wasp\/out\/security-headers\.conf \/etc\/nginx\/inkwell\/security-headers\.conf/,
    );
    const locations = read("deploy/nginx/locations.template");
    // The web app's pages: assets, the SPA fallback, and a post's page with its server-side includes.
    for (const location of ["/assets/", "/", "~ ^/posts/(\\d+)$"]) {
      expect(locationBody(locations, location), location).toContain(
        "include inkwell/security-headers.conf;",
      );
    }
    // The proxied locations keep the server's headers (an include there would add a second CSP).
    expect(locations.match(/include inkwell\/security-headers\.conf;/g)).toHaveLength(3);

    const apiUrl = "https://inkwell.example.com";
    const rendered = spawnSync(
      process.execPath,
      ["deploy/security-headers.mjs", WEB_BUILD_DIR, apiUrl],
      { encoding: "utf8" },
    );
    expect(rendered.status).toBe(0);
    const parsed = Object.fromEntries(
      [...rendered.stdout.matchAll(/^add_header (\S+) "([^"]*)" always;$/gm)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    expect(parsed).toEqual(
      webSecurityHeaders({ apiUrl, scriptHashes: inlineScriptHashes(WEB_BUILD_DIR) }),
    );
    expect(parsed["Content-Security-Policy"]).toContain(`connect-src 'self' ${apiUrl};`);
    // The TLS server block's own HSTS (for proxied answers) is the same as the pages'.
    expect(read("deploy/nginx/default.conf.template")).toContain(
      `add_header Strict-Transport-Security "${HSTS}" always;`,
    );
  });
});

describe("Docker Compose proxy trust", () => {
  test("When a client behind nginx sends its own X-Forwarded-For, then Compose's TRUST_PROXY keeps its rate-limit key", async () => {
    const trustProxy = /^\s*TRUST_PROXY:\s*"?([^"\n]+?)"?\s*$/m.exec(read("docker-compose.yml"));
    expect(trustProxy?.[1]).toBe("1");
    const server = await startApp({
      env: {
        ...serverTestEnv,
        TRUST_PROXY: trustProxy![1],
        RATE_LIMIT_ANON_PER_MIN: "3",
        // Counted in this process: exact from the first request (the key is what is tested).
        REDIS_URL: undefined,
      },
    });
    try {
      // One client on a private address (10.0.0.5, appended by nginx) claiming a new address
      // every time: under "uniquelocal" each claim would be a fresh rate-limit key.
      const statuses = [];
      for (let i = 1; i <= 5; i++) {
        const response = await httpAt(server.url, "GET", "/api/v1/posts", {
          headers: { "x-forwarded-for": `198.51.100.${i}, 10.0.0.5` },
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await server.stop();
    }
  });
});
