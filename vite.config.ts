import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import { wasp } from "wasp/client/vite";

export default defineConfig({
  plugins: [wasp()],
  // The browser never talks to the database: see tools/vite/prisma-browser.js.
  resolve: {
    alias: {
      "@prisma/client": fileURLToPath(new URL("tools/vite/prisma-browser.js", import.meta.url)),
    },
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
