// What the browser build gets for "@prisma/client". Wasp's client serialisation imports
// Prisma only to teach superjson the Decimal type (core/serialization/prisma.js skips it
// when Prisma.Decimal is undefined); the real browser build of the client weighs 14 kB
// gzipped on every first page load. The schema has no Decimal field, which
// test/integration/architecture.test.ts checks, so nothing Decimal-shaped ever reaches the
// browser.
export const Prisma = {};
