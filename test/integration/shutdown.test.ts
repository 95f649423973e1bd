import { describe, expect, test } from "vitest";
import { http } from "../http";
import { startApp } from "../../scripts/lib/app-process.mjs";
import { serverTestEnv } from "../setup/testEnv";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// SIGTERM: readiness fails at once, in-flight requests finish, then the process exits 0.
describe("graceful shutdown", () => {
  test("When SIGTERM arrives during a slow request, then /readyz turns 503, the request still succeeds and the process exits 0", async () => {
    const server = await startApp({
      env: { ...serverTestEnv, SHUTDOWN_DRAIN_MS: "600", SHUTDOWN_TIMEOUT_MS: "5000" },
    });
    const baseUrl = server.url;
    const slow = http("GET", "/__test/slow?ms=1500", { baseUrl });
    await sleep(300); // the request is in flight
    server.signal("SIGTERM");
    await sleep(100);
    const ready = await http("GET", "/readyz", { baseUrl });
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe("shutting down");

    const answered = await slow;
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({ sleptMs: 1500 });
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("shutdown started");
    expect(server.output()).toContain("shutdown complete");
  });

  test("When a request outlasts SHUTDOWN_TIMEOUT_MS, then it is cut and the process still exits 0 in time", async () => {
    const server = await startApp({
      env: { ...serverTestEnv, SHUTDOWN_TIMEOUT_MS: "300" },
    });
    const slow = http("GET", "/__test/slow?ms=10000", { baseUrl: server.url }).catch(
      (error: unknown) => error,
    );
    await sleep(200);
    const started = Date.now();
    server.signal("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await slow).toBeInstanceOf(Error);
    expect(server.output()).toContain("cutting them");
  });
});
