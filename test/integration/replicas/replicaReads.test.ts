import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { http, httpAt } from "../../http";
import { serverTestEnv, TEST_REDIS_PREFIX } from "../../setup/testEnv";
import { replicatedDatabase, sleep, until, type ReplicatedDatabase } from "./replicaSetup";

// Read-your-writes through the real server: two instances share a primary, a streaming standby
// (held 3 s behind while a test writes) and Redis. A client that wrote reads its write back
// from the other instance at once; cached feed pages are never filled from a replica that lacks
// the invalidating write, and a "not found" from a replica is asked of the primary again.

const APP_PORTS = [4601, 4602];
let pg: ReplicatedDatabase;
let apps: AppServer[] = [];
const metricsToken = { authorization: `Bearer ${serverTestEnv.METRICS_TOKEN}` };

beforeAll(async () => {
  pg = await replicatedDatabase(4652);
  const env = {
    ...serverTestEnv,
    DATABASE_URL: pg.primaryUrl,
    DATABASE_REPLICA_URLS: pg.replicaUrl,
    // The standby stays in rotation while 3 s behind: only the WAL floors keep reads fresh.
    REPLICA_MAX_LAG_MS: "60000",
    REDIS_PREFIX: `${TEST_REDIS_PREFIX}replicas:${randomUUID()}:`,
  };
  apps = await Promise.all(APP_PORTS.map((port) => startApp({ port, env })));
}, 120_000);
afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await pg?.close();
});

const [a, b] = [() => apps[0]!.url, () => apps[1]!.url];

async function register(baseUrl: string) {
  const response = await httpAt(baseUrl, "POST", "/api/v1/auth/register", {
    body: {
      email: `rw-${randomUUID().slice(0, 8)}@test.inkwell`,
      name: "Replica Reader",
      password: "correct horse battery 9",
    },
  });
  expect(response.status).toBe(201);
  return response.body as { user: { id: number }; accessToken: string };
}

/** Runs `body` with the standby applying commits 3 s late, then lets it catch up. */
async function whileLagging(body: () => Promise<void>) {
  await pg.cluster.waitForReplay(0);
  await sleep(200); // every instance has polled the caught-up standby
  await pg.cluster.setDelay(0, 3000);
  await sleep(100);
  try {
    await body();
  } finally {
    await pg.cluster.setDelay(0, 0);
    await pg.cluster.waitForReplay(0);
  }
}

describe("read replicas behind the API", () => {
  test("When a REST client writes on one instance while the replica lags, then its next reads on the other show the write, and the cached feed does for everyone", async () => {
    const writer = await register(a());
    await whileLagging(async () => {
      const created = await httpAt(a(), "POST", "/api/v1/posts", {
        token: writer.accessToken,
        body: { title: "read your writes", content: "c" },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as number;
      // An anonymous reader's first feed page after the invalidation: filled from the primary.
      const feed = await httpAt(b(), "GET", `/api/v1/posts?authorId=${writer.user.id}`);
      expect(feed.body.items.map((p: { id: number }) => p.id)).toEqual([id]);
      // "Not found" on a replica is asked of the primary again: a fresh link never 404s.
      expect((await httpAt(b(), "GET", `/api/v1/posts/${id}`)).status).toBe(200);
      const own = await httpAt(b(), "GET", `/api/v1/posts/${id}`, { token: writer.accessToken });
      expect(own.status).toBe(200);
      const page = await httpAt(b(), "GET", `/api/v1/posts?authorId=${writer.user.id}&limit=1`, {
        token: writer.accessToken,
      });
      expect(page.body.items.map((p: { id: number }) => p.id)).toEqual([id]);
      const comment = await httpAt(b(), "POST", `/api/v1/posts/${id}/comments`, {
        token: writer.accessToken,
        body: { body: "first" },
      });
      expect(comment.status).toBe(201);
      const comments = await httpAt(a(), "GET", `/api/v1/posts/${id}/comments`, {
        token: writer.accessToken,
      });
      expect(comments.status).toBe(200);
      expect(comments.body.items.map((c: { body: string }) => c.body)).toEqual(["first"]);
    });
  });

  test("When a browser user acts through a Wasp action, then the session's next query on the other instance shows it", async () => {
    const email = `web-${randomUUID().slice(0, 8)}@test.inkwell`;
    const password = "correct horse battery 9";
    expect(
      (await httpAt(a(), "POST", "/auth/email/signup", { body: { email, password, name: "Web" } }))
        .status,
    ).toBe(200);
    const login = await httpAt(a(), "POST", "/auth/email/login", { body: { email, password } });
    const session = login.body.sessionId as string;
    await whileLagging(async () => {
      const created = await httpAt(a(), "POST", "/operations/create-post", {
        token: session,
        body: { json: { title: "from the browser", content: "c" } },
      });
      expect(created.status).toBe(200);
      const id = created.body.json.id as number;
      const read = await httpAt(b(), "POST", "/operations/get-post", {
        token: session,
        body: { json: { id } },
      });
      expect(read.status).toBe(200);
      expect(read.body.json.title).toBe("from the browser");
    });
  });

  test("When replicas are configured, then /readyz details list each one and /metrics counts reads per target and the lag", async () => {
    await until("replica1 up in /readyz", async () => {
      const ready = await httpAt(a(), "GET", "/readyz");
      return ready.status === 200 && ready.body.checks?.replica1?.status === "up";
    });
    const ready = await httpAt(a(), "GET", "/readyz");
    expect(ready.body.checks.replica1).toMatchObject({ status: "up", lagMs: expect.any(Number) });
    await httpAt(a(), "GET", "/api/v1/posts?limit=3&cursor=" + encodeURIComponent("x"));
    await httpAt(a(), "GET", "/api/v1/profiles/nobody-here");
    const metrics = await httpAt(a(), "GET", "/metrics", { headers: metricsToken });
    expect(metrics.body).toMatch(/^db_replica_lag_seconds\{replica="replica1"\} [\d.e-]+$/m);
    expect(metrics.body).toMatch(/^db_replica_in_rotation\{replica="replica1"\} 1$/m);
    expect(metrics.body).toMatch(/^db_reads_total\{target="replica1"\} \d+$/m);
    expect(metrics.body).toMatch(/^db_reads_total\{target="primary"\} \d+$/m);
  });

  test("When the standby stops, then reads keep answering (from the primary) and readiness stays up", async () => {
    await pg.cluster.standbys[0]!.stop();
    try {
      for (let i = 0; i < 20; i++) {
        expect((await httpAt(b(), "GET", "/api/v1/posts?limit=2")).status).toBe(200);
        expect((await httpAt(b(), "GET", "/api/v1/tags")).status).toBe(200);
      }
      await until("replica1 down in /readyz", async () => {
        const ready = await httpAt(b(), "GET", "/readyz");
        return ready.body.checks?.replica1?.status === "down";
      });
      expect((await httpAt(b(), "GET", "/readyz")).status).toBe(200);
    } finally {
      await pg.cluster.standbys[0]!.start();
    }
  });
});

describe("without DATABASE_REPLICA_URLS", () => {
  test("When no replica is configured, then /readyz lists none and no read is routed", async () => {
    const ready = await http("GET", "/readyz");
    expect(Object.keys(ready.body.checks)).not.toContain("replica1");
    await http("GET", "/api/v1/posts?limit=2");
    const metrics = await http("GET", "/metrics", { headers: metricsToken });
    expect(metrics.body).not.toMatch(/^db_reads_total\{/m);
    expect(metrics.body).not.toMatch(/^db_replica_lag_seconds\{/m);
  });
});
