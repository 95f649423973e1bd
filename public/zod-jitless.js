// Runs before the app's modules (a classic script in main.wasp.ts `head`). Zod probes whether
// it may compile parsers with `Function("")` when its first object schema is built; under the
// pages' CSP (no 'unsafe-eval', deploy/security-headers.mjs) the browser reports that probe as
// a violation even though Zod catches it. jitless skips the probe; parsing works as before.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, {
  jitless: true,
});
