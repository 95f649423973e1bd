import { describe, expect, inject, test } from "vitest";
import {
  deriveRoutes,
  forgeTokens,
  generateRequests,
  runAll,
  verdict,
} from "../../../scripts/faults/lib/hostile.mjs";
import { apiAdmin, apiUser } from "../../factories";
import { http } from "../../http";
import { TEST_JWT_SECRET } from "../../setup/testEnv";

// A small, fixed-seed slice of `npm run fault:hostile` (README, "Proof under faults"): the same
// generator, a few hundred requests, so CI notices when some hostile input turns into a 5xx.
describe("hostile input", () => {
  test("When a few hundred generated hostile requests hit every route, then no 5xx and the server stays healthy", async () => {
    const baseUrl = inject("serverUrl");
    const user = await apiUser("hostile");
    const admin = await apiAdmin("hostile-admin");
    const openapi = await http("GET", "/api/v1/openapi.json");
    const routes = deriveRoutes(openapi.body);
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const requests = generateRequests({
      seed: 20261125,
      count: 400,
      routes,
      auth: { user: user.accessToken, admin: admin.accessToken },
      forged: forgeTokens({ secret: TEST_JWT_SECRET, userId: user.id }),
      ids: { posts: [], users: [user.id, admin.id] },
    });
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    await runAll(baseUrl, requests, {
      concurrency: 10,
      timeoutMs: 10_000,
      onResult: (request, response) => {
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const problem = verdict(request, response);
        if (problem)
          problems.push(`${request.category} ${request.method} ${request.path}: ${problem}`);
      },
    });
    expect(problems).toEqual([]);
    expect([...statuses.keys()].every((status) => status >= 200 && status < 500)).toBe(true);
    expect((await http("GET", "/healthz")).status).toBe(200);
  }, 60_000);
});
