import { defineConfig } from "vite";
import { wasp } from "wasp/client/vite";

export default defineConfig({
  plugins: [wasp()],
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
