import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { HSTS, inlineScriptHashes, webSecurityHeaders } from "../../deploy/security-headers.mjs";
import { WEB_BUILD_DIR } from "../../scripts/lib/web-server.mjs";

// What Docker Compose runs but the tests cannot start (no Docker here): the nginx image's
// header include. The cluster test runs the same nginx locations.
const read = (path: string) => readFileSync(path, "utf8");
const locationBody = (template: string, location: string) =>
  new RegExp(`location ${location} \\{([^}]*)\\}`).exec(template)?.[1] ?? "";

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
    for (const location of ["/assets/", "/"]) {
      expect(locationBody(locations, location), location).toContain(
        "include inkwell/security-headers.conf;",
      );
    }
    // The proxied locations keep the server's headers (an include there would add a second CSP).
    expect(locations.match(/include inkwell\/security-headers\.conf;/g)).toHaveLength(2);

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
