import type { Plugin } from "vite";

// Build-only trims of Wasp's client runtime: both take Zod (25 kB gzipped, the largest library
// after react-dom and react-router) off the first page load, where nothing of ours needs it.
// Each change is local to a Wasp module whose job at runtime is already done elsewhere.

// Wasp checks the client's environment (REACT_APP_API_URL) twice: once when the build starts
// (its `wasp:validate-env` plugin fails the build on a bad value) and again in every browser on
// every page load, on values the build has already baked in. The second check can only repeat
// the first, so the build's module exports the baked-in values as they are.
const CLIENT_ENV = /\/sdk\/wasp\/dist\/client\/env\.js$/;
const BAKED_ENV = "export const env = import.meta.env;\n";

// `wasp/client/auth` is one barrel: `useAuth` and `logout` (every page) come with the
// email-and-password actions and forms (only the sign-in pages). Those modules build Zod schemas
// when they load, which the bundler must assume has side effects and keeps. Declared free of
// side effects, they are dropped wherever none of their exports are used.
const AUTH_FORMS_AND_ACTIONS =
  /\/sdk\/wasp\/dist\/auth\/(responseSchemas\.js|email\/|forms\/)|\/sdk\/wasp\/dist\/client\/auth\/(ui|email)\b/;

export function leanClient(): Plugin {
  return {
    name: "inkwell:lean-client",
    apply: "build",
    enforce: "pre",
    load(id) {
      return CLIENT_ENV.test(id) ? BAKED_ENV : null;
    },
    transform(_code, id) {
      return AUTH_FORMS_AND_ACTIONS.test(id) ? { code: _code, moduleSideEffects: false } : null;
    },
  };
}
