// Mixed load over several instances for the Sentinel proof, with reads-after-write checks: each
// writer is its own user; after each acknowledged POST it reads its own feed from every
// instance, and a page without the post it was just told is stored counts as a stale read.
// Writes use an Idempotency-Key and are retried until acknowledged (as load.mjs's writers), so
// checkLedger can then prove that no acknowledged write was lost.
import { randomUUID } from "node:crypto";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function request(url, init, timeoutMs = 5000) {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return { status: 0, text: String(error?.cause?.code ?? error?.name ?? error) };
  }
}

export async function runFailoverLoad({
  urls,
  writers,
  readers = 4,
  durationMs,
  onTick = async () => {},
  label = "fault",
}) {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  const reads = { ok: 0, failed: 0, failures: [] };
  const writes = {
    sent: new Set(),
    acked: new Map(),
    attempts: 0,
    failedAttempts: 0,
    gaveUp: 0,
    ackedAtMs: [],
  };
  const afterWrite = { checks: 0, stale: 0, samples: [] };
  let running = true;

  const readFrom = async (url) => {
    const response = await request(url);
    if (response.status === 200) reads.ok++;
    else {
      reads.failed++;
      if (reads.failures.length < 20) {
        reads.failures.push({
          atMs: elapsed(),
          url,
          status: response.status,
          text: response.text.slice(0, 120),
        });
      }
    }
    return response;
  };

  const reader = async (n) => {
    for (let i = n; running; i++) {
      const path = i % 3 === 0 ? "/api/v1/posts?limit=5" : "/api/v1/posts";
      await readFrom(urls[i % urls.length] + path);
    }
  };

  const writer = async ({ token, authorId }, n) => {
    for (let i = n; running; i++) {
      const key = randomUUID();
      writes.sent.add(key);
      const body = JSON.stringify({
        title: `${label} ${key}`,
        content: "written during a failover",
      });
      let id = null;
      const deadline = Date.now() + 30_000;
      for (let attempt = 0; id === null && Date.now() < deadline; attempt++) {
        writes.attempts++;
        const response = await request(`${urls[(i + attempt) % urls.length]}/api/v1/posts`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${token}`,
            "idempotency-key": key,
          },
          body,
        });
        if (response.status === 201) id = JSON.parse(response.text).id;
        else {
          writes.failedAttempts++;
          await sleep(Math.min(100 * 2 ** attempt, 1000));
        }
      }
      if (id === null) {
        writes.gaveUp++;
        continue;
      }
      writes.acked.set(key, id);
      writes.ackedAtMs.push(elapsed());
      // Read-your-write on every instance: the post must be on the author's first page.
      for (const url of urls) {
        const response = await readFrom(`${url}/api/v1/posts?authorId=${authorId}&limit=5`);
        if (response.status !== 200) continue;
        afterWrite.checks++;
        const items = JSON.parse(response.text).items ?? [];
        if (!items.some((post) => post.id === id)) {
          afterWrite.stale++;
          if (afterWrite.samples.length < 10) afterWrite.samples.push({ atMs: elapsed(), url, id });
        }
      }
    }
  };

  const ticker = (async () => {
    while (elapsed() < durationMs) {
      await onTick(elapsed());
      await sleep(100);
    }
    running = false;
  })();
  await Promise.all([
    ticker,
    ...Array.from({ length: readers }, (_, n) => reader(n)),
    ...writers.map((w, n) => writer(w, n)),
  ]);
  return { reads, writes, afterWrite, startedAt: started };
}
