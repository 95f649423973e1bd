import { Router } from "express";

// Routes only the test suite mounts (INKWELL_TEST_ROUTES=1, never in production): a request
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
