// The RealWorld door's route descriptions, read from their one source
// (src/api/realworld/routes.ts: plain data, no server imports), bundled on the fly with esbuild.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const FOLDER = fileURLToPath(new URL("../../../src/api/realworld/", import.meta.url));

/** { prefix, routes }: REALWORLD_PREFIX and realworldRoutes, as the server declares them. */
export async function loadRealWorldRoutes() {
  const result = await build({
    stdin: {
      contents: `export { realworldRoutes } from "./routes";
export { REALWORLD_PREFIX } from "./routeSpec";`,
      resolveDir: FOLDER,
      loader: "ts",
    },
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    logLevel: "silent",
  });
  const source = Buffer.from(result.outputFiles[0].text).toString("base64");
  const module = await import(`data:text/javascript;base64,${source}`);
  return { prefix: module.REALWORLD_PREFIX, routes: module.realworldRoutes };
}
