import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import { wasp } from "wasp/client/vite";
import { leanClient } from "./tools/vite/leanClient.ts";
import { postShellPlugin } from "./tools/vite/postShell.ts";

export default defineConfig({
  plugins: [wasp(), leanClient(), postShellPlugin()],
  // The browser never talks to the database: see tools/vite/prisma-browser.js.
  resolve: {
    alias: {
      "@prisma/client": fileURLToPath(new URL("tools/vite/prisma-browser.js", import.meta.url)),
    },
  },
  build: {
    // One stylesheet for the whole app (~4 kB gzipped), linked from every page's HTML. Split per
    // page, a page's CSS arrives only after its lazily loaded code: the prerendered home page
    // painted unstyled and then jumped, and every other page waited for a second round trip.
    cssCodeSplit: false,
  },
  server: {
    open: false,
    // As nginx does in production (deploy/nginx/locations.template): the feeds the pages link
    // to live on the server, one origin for the reader.
    proxy: { "^/(feed\\.xml|atom\\.xml|@[^/]+/feed\\.xml)$": "http://localhost:3001" },
  },
  test: {
    // Client component tests only; server and browser tests have their own configs.
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
