import { defineConfig } from "vite";
import { wasp } from "wasp/client/vite";

export default defineConfig({
  plugins: [wasp()],
  server: { open: false },
  test: {
    // Client component tests only; server and browser tests have their own configs.
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
