// Serves the built web app (vite build output) with the single-page fallback, the way a static
// host or nginx would. Used by the browser tests and the local cluster.
import { createServer } from "node:http";
import sirv from "sirv";

export const WEB_BUILD_DIR = ".wasp/out/web-app/build";

export function startWebServer({ port, dir = WEB_BUILD_DIR, host = "127.0.0.1" }) {
  // Hashed assets never change; the HTML shell must be re-read so new deploys show at once.
  const assets = sirv(dir, {
    single: "200.html",
    etag: true,
    setHeaders: (res, pathname) => {
      const immutable = pathname.startsWith("/assets/");
      res.setHeader(
        "Cache-Control",
        immutable ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  const server = createServer((req, res) => assets(req, res));
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
