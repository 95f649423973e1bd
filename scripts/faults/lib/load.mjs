// Mixed load with a ledger, for the fault-injection scripts. Readers fetch the feed and single
// posts; writers create posts, each with its own Idempotency-Key, and retry a failed write with
// the same key until it is acknowledged (as a careful client does). The ledger then checks the
// database: every acknowledged write is there exactly once, and nothing was written twice.
import { randomUUID } from "node:crypto";
import pg from "pg";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function request(url, init, timeoutMs = 5000) {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, text };
  } catch (error) {
    return { status: 0, text: String(error?.cause?.code ?? error?.name ?? error) };
  }
}

export async function registerWriter(baseUrl) {
  const email = `fault-${randomUUID().slice(0, 8)}@faults.inkwell`;
  const response = await request(`${baseUrl}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, name: "Fault writer", password: "fault pass 1" }),
  });
  if (response.status !== 201)
    throw new Error(`register failed: ${response.status} ${response.text}`);
  return JSON.parse(response.text);
}

/**
 * Runs readers and writers against `baseUrl` until `durationMs` has passed, calling
 * `onTick(elapsedMs)` every 250 ms (where a script injects its fault).
 */
export async function runMixedLoad({
  baseUrl,
  token,
  durationMs,
  readers = 8,
  writers = 4,
  retryForMs = 30_000,
  onTick = async () => {},
  label = "fault",
}) {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  const reads = { ok: 0, failed: 0, failures: [] };
  const writes = { sent: new Set(), acked: new Map(), attempts: 0, failedAttempts: 0, gaveUp: [] };
  let running = true;

  const reader = async () => {
    while (running) {
      const path = Math.random() < 0.7 ? "/api/v1/posts" : `/api/v1/posts?limit=5`;
      const response = await request(baseUrl + path);
      if (response.status === 200) reads.ok++;
      else {
        reads.failed++;
        if (reads.failures.length < 20)
          reads.failures.push({
            atMs: elapsed(),
            status: response.status,
            text: response.text.slice(0, 120),
          });
      }
    }
  };

  const writer = async () => {
    while (running) {
      const key = randomUUID();
      writes.sent.add(key);
      const body = JSON.stringify({ title: `${label} ${key}`, content: "written under fault" });
      const deadline = Date.now() + retryForMs;
      for (let attempt = 0; ; attempt++) {
        writes.attempts++;
        const response = await request(`${baseUrl}/api/v1/posts`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${token}`,
            "idempotency-key": key,
          },
          body,
        });
        if (response.status === 201) {
          writes.acked.set(key, JSON.parse(response.text).id);
          break;
        }
        writes.failedAttempts++;
        if (Date.now() > deadline) {
          writes.gaveUp.push(key);
          break;
        }
        await sleep(Math.min(100 * 2 ** attempt, 1000));
      }
    }
  };

  const ticker = (async () => {
    while (elapsed() < durationMs) {
      await onTick(elapsed());
      await sleep(250);
    }
    running = false;
  })();
  await Promise.all([
    ticker,
    ...Array.from({ length: readers }, reader),
    ...Array.from({ length: writers }, writer),
  ]);
  return { reads, writes, durationMs: elapsed() };
}

/** Compares the ledger with the database: acknowledged writes present once, no duplicates. */
export async function checkLedger(databaseUrl, writes, label = "fault") {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT substring(title from length($1) + 2) AS key, count(*)::int AS n, min(id) AS id
         FROM "Post" WHERE title LIKE $1 || ' %' GROUP BY 1`,
      [label],
    );
    const stored = new Map(rows.map((row) => [row.key, row]));
    const lost = [...writes.acked.keys()].filter((key) => !stored.has(key));
    const duplicated = rows.filter((row) => row.n > 1).map((row) => row.key);
    const wrongId = [...writes.acked].filter(
      ([key, id]) => stored.get(key) && stored.get(key).id !== id,
    );
    const unknown = rows.filter((row) => !writes.sent.has(row.key)).map((row) => row.key);
    return {
      sent: writes.sent.size,
      acknowledged: writes.acked.size,
      stored: rows.length,
      lostAcknowledged: lost.length,
      duplicated: duplicated.length,
      ackedIdMismatch: wrongId.length,
      storedButNeverSent: unknown.length,
      // Sent but not acknowledged by the end (the run stopped mid-retry): allowed either way.
      unacknowledged: writes.sent.size - writes.acked.size,
    };
  } finally {
    await client.end();
  }
}
