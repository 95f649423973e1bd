import { Router } from "express";

// Routes only the test suite mounts (INKWELL_TEST_ROUTES=1, never in production), at /__test and
// inside the API namespace at /api/v1/__test (to see errors answered in either shape): a request
// that takes as long as asked, to prove graceful shutdown lets in-flight requests finish.
export const testRoutes = Router();

testRoutes.get("/slow", async (req, res) => {
  const ms = Math.min(Number(req.query.ms ?? 1000) || 0, 30_000);
  await new Promise((resolve) => setTimeout(resolve, ms));
  res.json({ sleptMs: ms });
});

// An unexpected error (a bug), to see how it is logged and answered.
testRoutes.get("/boom", () => {
  throw new Error("test explosion: unexpected failure");
});

// A database that cannot be reached, raised by a middleware: answered 503 with Retry-After.
testRoutes.use("/unavailable", (_req, _res, next) => {
  next(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
});
