import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Plugin } from "vite";

// A post's page paints before any script: nginx answers /posts/<id> with post-shell.html and
// fills its two server-side includes (SSI) from the server (src/reading/serverPage.routes.ts),
// the post's head tags and its article. The shell is the app's own SPA fallback (200.html),
// which the app hydrates as on any page, plus the server's paint as a separate element of
// <body>, where React leaves unknown elements alone. Its header is the prerendered home page's
// (index.html), so the site's header has one description: the app's.

export const POST_SHELL_FILE = "post-shell.html";

/** The subrequest nginx makes for one part of the post whose id the location captured. */
const include = (part: "head" | "article") =>
  `<!--# include virtual="/_fragments/posts/$post_id/${part}" stub="none" -->`;
// What an include shows when the post is not public or the server failed: nothing.
const EMPTY_STUB = '<!--# block name="none" --><!--# endblock -->';

const TITLE = "<title>Inkwell</title>";
const NOSCRIPT = /<noscript>[\s\S]*?<\/noscript>/;
const HEADER = /<header class="site-header">[\s\S]*?<\/header>/;

/** post-shell.html from the build's 200.html and index.html (both prerendered by Wasp). */
export function postShell(fallback: string, home: string): string {
  const header = home.match(HEADER)?.[0];
  if (!header || !fallback.includes(TITLE) || !NOSCRIPT.test(fallback)) {
    throw new Error("post shell: 200.html or index.html no longer has the expected layout");
  }
  // The app's own header renders (hidden) beside this copy: ids get a prefix of their own.
  const ownIds = header.replace(/\b(id|for)="([^"]+)"/g, '$1="server-$2"');
  const serverPage =
    '<div id="server-page" class="server-page">' +
    '<a href="#server-main" class="skip-link">Skip to content</a>' +
    ownIds +
    `<main id="server-main" class="container" tabindex="-1">${include("article")}</main>` +
    "</div>";
  return fallback
    .replace(TITLE, `${EMPTY_STUB}${include("head")}${TITLE}`)
    .replace(NOSCRIPT, (noscript) => `${noscript}${serverPage}`);
}

export function postShellPlugin(): Plugin {
  return {
    name: "inkwell:post-shell",
    apply: "build",
    // After Wasp's prerendering has written the client's HTML files.
    async writeBundle(options) {
      if (this.environment.name !== "client" || !options.dir) return;
      const [fallback, home] = await Promise.all(
        ["200.html", "index.html"].map((file) => readFile(join(options.dir!, file), "utf8")),
      );
      await writeFile(join(options.dir, POST_SHELL_FILE), postShell(fallback!, home!));
    },
  };
}
