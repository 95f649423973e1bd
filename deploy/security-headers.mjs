// The response headers of the web app (its HTML, assets and SPA fallback), described once and
// read by every place that serves the web build: nginx of `npm run cluster`
// (scripts/lib/cluster.mjs renders the include), nginx of Docker Compose (deploy/Dockerfile
// runs this file to write the same include) and the browser tests' web server
// (scripts/lib/web-server.mjs). The proxied server routes (/api, /auth, /operations, probes)
// keep the headers the server sets; these are for the pages only.
//   node deploy/security-headers.mjs <web build dir> <API URL the build calls>
// prints the nginx include (`add_header … always;` lines).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Also sent by the Compose server block for proxied answers (deploy/nginx/default.conf.template). */
export const HSTS = "max-age=31536000; includeSubDomains";

// Wasp's prerendered pages (200.html) end with one inline script that hands the page its
// prerender data (`window.__WASP_SSR_DATA__=…`). Its hash lets exactly that script run; any
// other inline script, an injected one included, stays blocked.
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** CSP source expressions ('sha256-…') of the inline scripts in the build's HTML files. */
export function inlineScriptHashes(buildDir) {
  const hashes = new Set();
  for (const file of readdirSync(buildDir)
    .filter((name) => name.endsWith(".html"))
    .sort()) {
    for (const [, body] of readFileSync(join(buildDir, file), "utf8").matchAll(INLINE_SCRIPT)) {
      if (body.trim()) hashes.add(`'sha256-${createHash("sha256").update(body).digest("base64")}'`);
    }
  }
  return [...hashes];
}

/**
 * The header set, by name. `apiUrl` is the REACT_APP_API_URL the build was made with (the
 * page's own origin behind nginx); `scriptHashes` come from inlineScriptHashes(build).
 */
export function webSecurityHeaders({ apiUrl, scriptHashes }) {
  const policy = {
    "default-src": ["'self'"],
    "script-src": ["'self'", ...scriptHashes],
    "style-src": ["'self'"],
    // Avatars and images in posts are linked by URL (the platform stores no uploads); https only,
    // so a page never loads mixed content. Scripts, styles and frames stay same-origin.
    "img-src": ["'self'", "https:"],
    "font-src": ["'self'"],
    "connect-src": [...new Set(["'self'", new URL(apiUrl).origin])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return {
    "Content-Security-Policy": Object.entries(policy)
      .map(([directive, sources]) => `${directive} ${sources.join(" ")}`)
      .join("; "),
    // For browsers without frame-ancestors; both say: never inside a frame.
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // Ignored by browsers over plain HTTP (the cluster, the tests); in Compose these locations
    // have their own add_header lines, so they would lose the server block's HSTS without it.
    "Strict-Transport-Security": HSTS,
  };
}

/** The set as nginx directives; `always` puts them on 4xx/5xx answers too. */
export function nginxAddHeaders(headers) {
  const lines = Object.entries(headers).map(([name, value]) => {
    if (/["\\$]/.test(value)) throw new Error(`${name} has a character nginx would not keep`);
    return `add_header ${name} "${value}" always;`;
  });
  return `# Generated from deploy/security-headers.mjs; do not edit.\n${lines.join("\n")}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [buildDir, apiUrl] = process.argv.slice(2);
  if (!buildDir || !apiUrl) {
    console.error("usage: node deploy/security-headers.mjs <web build dir> <API URL>");
    process.exit(2);
  }
  const headers = webSecurityHeaders({ apiUrl, scriptHashes: inlineScriptHashes(buildDir) });
  process.stdout.write(nginxAddHeaders(headers));
}
