import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inlineScriptHashes, webSecurityHeaders } from "../../deploy/security-headers.mjs";
import { startCluster, type Cluster } from "../../scripts/lib/cluster.mjs";
import { WEB_BUILD_DIR } from "../../scripts/lib/web-server.mjs";
import { freePort } from "../../scripts/lib/app-process.mjs";
import {
  serverTestEnv,
  TEST_DATABASE_URL,
  TEST_REDIS_PREFIX,
  TEST_REDIS_URL,
} from "../setup/testEnv";
import { apiPost, apiUser } from "../factories";

// The local cluster of `npm run cluster`: nginx in front of two production bundles, on free
// ports, serving the web build npm test made. The fault-injection scripts rely on this API.
const hasNginx = spawnSync("nginx", ["-v"], { stdio: "ignore" }).status === 0;
const runDir = mkdtempSync(join(tmpdir(), "inkwell-cluster-"));
let cluster: Cluster;

const get = async (path: string) => (await fetch(`${cluster.url}${path}`)).status;
// CLUSTER_PORT / CLUSTER_APP_PORTS (as for `npm run cluster`) when given, else free ports.
const clusterPort = async () => Number(process.env.CLUSTER_PORT ?? (await freePort()));
const appPorts = async () =>
  process.env.CLUSTER_APP_PORTS
    ? process.env.CLUSTER_APP_PORTS.split(",").map(Number)
    : [await freePort(), await freePort()];
const upstreams = () =>
  new Set(readFileSync(join(runDir, "nginx-access.log"), "utf8").match(/upstream=\S+/g));

describe("local cluster behind nginx", () => {
  test("When the tests run, then nginx is installed (.ci/run installs it; else apt-get install nginx)", () => {
    expect(hasNginx).toBe(true);
  });

  beforeAll(async () => {
    cluster = await startCluster({
      databaseUrl: TEST_DATABASE_URL,
      redisUrl: TEST_REDIS_URL,
      port: await clusterPort(),
      appPorts: await appPorts(),
      runDir,
      webRoot: WEB_BUILD_DIR,
      build: false,
      migrate: false,
      drainMs: 200,
      // Production mode as `npm run cluster` runs it; only the run's own Redis key space.
      env: { REDIS_PREFIX: TEST_REDIS_PREFIX, LOG_LEVEL: "warn" },
    });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
    rmSync(runDir, { recursive: true, force: true });
  });

  test("When requests arrive through nginx, then both instances answer and the SPA falls back to 200.html", async () => {
    for (let i = 0; i < 6; i++) expect(await get("/api/v1/posts")).toBe(200);
    expect(upstreams().size).toBe(2);
    const page = await fetch(`${cluster.url}/posts/123`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('"isFallbackPage":true');
  });

  test("When a feed reader asks the public origin for the site's or an author's feed, then nginx hands it to the server", async () => {
    const rss = await fetch(`${cluster.url}/feed.xml`);
    expect(rss.status).toBe(200);
    expect(rss.headers.get("content-type")).toContain("application/rss+xml");
    expect((await fetch(`${cluster.url}/atom.xml`)).headers.get("content-type")).toContain(
      "application/atom+xml",
    );
    // An unknown author is the server's 404, not the web app's fallback page.
    const author = await fetch(`${cluster.url}/@nobody-here/feed.xml`);
    expect(author.status).toBe(404);
    expect(await author.text()).not.toContain("isFallbackPage");
    // A profile page itself is still the web app.
    expect(await (await fetch(`${cluster.url}/@nobody-here`)).text()).toContain("isFallbackPage");
  });

  test("When a reader opens a post through nginx, then its HTML already holds the post's title and article; an unknown one is the app's page alone", async () => {
    const author = await apiUser("cluster-ssr");
    const post = await apiPost(author, {
      title: "Served & <rendered>",
      content: "## A heading\n\nWith **bold** words.",
    });
    const page = await fetch(`${cluster.url}/posts/${post.id}`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-encoding")).toBe("gzip");
    const html = await page.text();
    expect(html).toContain("<title>Served &amp; &lt;rendered&gt; · Inkwell</title>");
    expect(html).toContain('<h1 class="post-title-main">Served &amp; &lt;rendered&gt;</h1>');
    expect(html).toContain("<strong>bold</strong>");
    // No include directive reaches the reader, and the app still starts as on any page.
    expect(html).not.toContain("<!--#");
    expect(html).toContain('"isFallbackPage":true');

    const unknown = await (await fetch(`${cluster.url}/posts/2000000000`)).text();
    expect(unknown).toContain('id="server-page"');
    expect(unknown).not.toContain("<article");
    expect(unknown).not.toContain("<!--#");
    // The includes are nginx's own subrequests, not a public path.
    expect((await fetch(`${cluster.url}/_fragments/posts/${post.id}/article`)).status).not.toBe(
      200,
    );
  });

  test("When nginx serves the web app's HTML, an asset, the SPA fallback or a missing asset, then each carries the one security header set", async () => {
    const expected = webSecurityHeaders({
      apiUrl: cluster.url,
      scriptHashes: inlineScriptHashes(WEB_BUILD_DIR),
    });
    expect(expected["Content-Security-Policy"]).toMatch(/script-src 'self' 'sha256-/);
    const html = await (await fetch(`${cluster.url}/`)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    for (const [path, status] of [
      ["/", 200],
      ["/200.html", 200],
      [asset!, 200],
      ["/posts/123", 200],
      ["/admin", 200],
      ["/assets/no-such-file.js", 404],
    ] as const) {
      const response = await fetch(`${cluster.url}${path}`);
      expect(response.status, path).toBe(status);
      const headers = Object.fromEntries(
        Object.keys(expected).map((name) => [name, response.headers.get(name)]),
      );
      expect(headers, path).toEqual(expected);
    }
    // The proxied API keeps its own, stricter set (one CSP, not two).
    const api = await fetch(`${cluster.url}/api/v1/posts`);
    expect(api.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  test("When /readyz is called through nginx, even with the metrics token, then it answers only its status", async () => {
    const response = await fetch(`${cluster.url}/readyz`, {
      headers: { authorization: `Bearer ${serverTestEnv.METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready" });
    // Directly on an instance (loopback, no proxy in between) the probe keeps its details.
    const direct = await fetch(`${cluster.instances[0]!.url}/readyz`);
    expect(await direct.json()).toMatchObject({ checks: { postgres: { status: "up" } } });
  });

  test("When one instance is SIGKILLed, then GETs keep succeeding, and it serves again after restart", async () => {
    const [first] = cluster.instances;
    await first!.kill("SIGKILL");
    expect(first!.running).toBe(false);
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push(await get("/api/v1/posts"));
    expect(statuses.every((status) => status === 200)).toBe(true);
    await first!.restart();
    expect(first!.running).toBe(true);
    expect((await fetch(`${first!.url}/readyz`)).status).toBe(200);
  }, 60_000);

  test("When the cluster stops, then no process it started is left", async () => {
    const pids = [cluster.nginx.pid, ...cluster.instances.map((instance) => instance.pid)];
    await cluster.stop();
    for (const pid of pids) expect(() => process.kill(pid!, 0)).toThrow();
    await expect(fetch(`${cluster.url}/healthz`)).rejects.toThrow();
  }, 60_000);
});
