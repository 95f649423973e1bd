// Serves the built web app (vite build output) with the single-page fallback, the way a static
// host or nginx would, with the same security headers nginx sends (deploy/security-headers.mjs).
// Used by the browser tests and the Lighthouse run, so both see what nginx would send:
// compressed text (deploy/nginx/common.conf.template's gzip), cache headers as its `expires`.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { join } from "node:path";
import { createGzip, gzipSync } from "node:zlib";
import sirv from "sirv";
import { inlineScriptHashes, webSecurityHeaders } from "../../deploy/security-headers.mjs";
import { E2E_SERVER_URL } from "../../test/setup/ports.mjs";
import { WEB_BUILD_DIR } from "./build.mjs";

export { WEB_BUILD_DIR };

// nginx compresses these types (gzip_types; text/html always) from gzip_min_length bytes up.
const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg)$/;
const GZIP_MIN_LENGTH = 1024;

/**
 * Writes `<file>.gz` beside each compressible file of the build (sirv serves it with
 * Content-Encoding: gzip and Vary: Accept-Encoding to clients that accept gzip): nginx
 * compresses on the fly, this ahead of time, and the bytes on the wire are alike.
 */
function precompress(dir) {
  for (const name of readdirSync(dir, { recursive: true })) {
    const path = join(dir, name);
    if (!COMPRESSIBLE.test(path)) continue;
    const stat = statSync(path);
    if (!stat.isFile() || stat.size < GZIP_MIN_LENGTH) continue;
    const gz = statSync(`${path}.gz`, { throwIfNoEntry: false });
    if (gz && gz.mtimeMs >= stat.mtimeMs) continue;
    writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 6 }));
  }
}

// What nginx hands to the server (deploy/nginx/locations.template): the API, Wasp's auth and
// operations, the RSS/Atom feeds and the health probes.
const SERVER_PATHS =
  /^\/(?:(?:api|auth|operations)\/|feed\.xml$|atom\.xml$|@[^/]+\/feed\.xml$|healthz$|readyz$)/;

// A post's page: post-shell.html with its server-side includes filled from the server, as
// nginx's `ssi on` does (deploy/nginx/locations.template; tools/vite/postShell.ts).
const POST_PAGE = /^\/posts\/(\d+)$/;
const SSI_INCLUDE = /<!--# include virtual="([^"]+)" stub="none" -->/g;
const SSI_BLOCK = /<!--# block name="none" --><!--# endblock -->/g;

/** The post page with its includes (each empty, as its stub, when the server does not answer 200). */
async function postPage(req, res, shellPath, postId, upstream) {
  const shell = readFileSync(shellPath, "utf8");
  const virtuals = [...shell.matchAll(SSI_INCLUDE)].map((match) => match[1]);
  const parts = await Promise.all(
    virtuals.map((virtual) =>
      fetch(new URL(virtual.replace("$post_id", postId), upstream))
        .then((answer) => (answer.ok ? answer.text() : ""))
        .catch(() => ""),
    ),
  );
  let index = 0;
  const html = shell.replace(SSI_BLOCK, "").replace(SSI_INCLUDE, () => parts[index++]);
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-cache");
  if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
    res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Vary", "Accept-Encoding");
    res.end(req.method === "HEAD" ? undefined : gzipSync(html, { level: 6 }));
  } else {
    res.end(req.method === "HEAD" ? undefined : html);
  }
}

/** Forwards a request to `target` as nginx's proxy.conf does (client address in X-Forwarded-For). */
function proxy(req, res, target) {
  const url = new URL(req.url ?? "/", target);
  const upstream = request(
    url,
    {
      method: req.method,
      headers: {
        ...req.headers,
        host: url.host,
        "x-forwarded-for": req.socket.remoteAddress ?? "",
        "x-forwarded-proto": "http",
      },
    },
    (answer) => {
      // The server's own headers, compressed as nginx does (gzip_proxied any) for clients that
      // accept it.
      const headers = { ...answer.headers };
      const gzip =
        /json|xml|text\//.test(headers["content-type"] ?? "") &&
        !headers["content-encoding"] &&
        /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
      if (gzip) {
        delete headers["content-length"];
        headers["content-encoding"] = "gzip";
        headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
      }
      res.writeHead(answer.statusCode ?? 502, headers);
      if (gzip) answer.pipe(createGzip()).pipe(res);
      else answer.pipe(res);
    },
  );
  upstream.on("error", () => {
    if (!res.headersSent) res.writeHead(502).end();
    else res.destroy();
  });
  req.pipe(upstream);
}

/**
 * `apiUrl` is the REACT_APP_API_URL the build calls (the CSP's connect-src): given, else the
 * `.api-url` stamp of a cluster's copy, else the browser tests' server, which npm test builds for.
 * With `serverUrl`, the server's paths are proxied to it, so pages and API share one origin as
 * behind nginx (a build made with this server's own URL as `apiUrl`).
 */
export function startWebServer({
  port,
  dir = WEB_BUILD_DIR,
  host = "127.0.0.1",
  apiUrl,
  serverUrl,
}) {
  const stamp = join(dir, ".api-url");
  const buildApiUrl = apiUrl ?? (existsSync(stamp) ? readFileSync(stamp, "utf8") : E2E_SERVER_URL);
  const postShell = join(dir, "post-shell.html");
  const headers = webSecurityHeaders({
    apiUrl: buildApiUrl,
    scriptHashes: inlineScriptHashes(dir),
  });
  // Before sirv starts: it lists the directory once, .gz files included.
  precompress(dir);
  // Hashed assets never change; the HTML shell must be re-read so new deploys show at once.
  const assets = sirv(dir, {
    single: "200.html",
    etag: true,
    gzip: true,
    setHeaders: (res, pathname) => {
      const immutable = pathname.startsWith("/assets/");
      res.setHeader(
        "Cache-Control",
        immutable ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  // Set before sirv answers, so its 404s and 304s carry them too (nginx: `always`).
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://web");
    if (serverUrl && SERVER_PATHS.test(pathname)) return proxy(req, res, serverUrl);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const post = POST_PAGE.exec(pathname);
    if (post && (req.method === "GET" || req.method === "HEAD") && existsSync(postShell)) {
      return void postPage(req, res, postShell, post[1], serverUrl ?? buildApiUrl);
    }
    assets(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () =>
      resolve({
        url: `http://localhost:${port}`,
        stop: () => new Promise((r) => server.close(() => r())),
      }),
    );
  });
}
