// Read-after-acknowledged-write proof across instances. One writer changes its posts one at a
// time (create with an Idempotency-Key, edit, delete), alternating the instance it writes to;
// the moment a write is acknowledged, probes on every instance read the feed, the writer's
// author feed and the post itself, while background readers keep the caches hot. Every read is
// checked against the ledger of writes: a read is stale when it started after a write's
// acknowledgement and still shows what that write replaced.
import { randomUUID } from "node:crypto";
import pg from "pg";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const SLOW_MS = 1000;
const KEEP = 50; // examples kept per kind of problem
const ABSENT = null; // a post's state before it is created and after it is deleted

async function request(url, init = {}, timeoutMs = 5000) {
  const startedAt = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    const retryAfter = response.headers.get("retry-after");
    return { status: response.status, text, retryAfter, startedAt, endedAt: performance.now() };
  } catch (error) {
    const text = String(error?.cause?.code ?? error?.name ?? error);
    return { status: 0, text, retryAfter: null, startedAt, endedAt: performance.now() };
  }
}

// Feed order: newest first, ties by id.
const newer = (a, b) => a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);

/**
 * Starts the writer, the probes and the background readers against `instances`
 * ([{ name, url }]); `fault(kind, inject)` marks a fault window, `stop()` ends the run and
 * resolves to its summary.
 */
export function startConsistencyRun({
  instances,
  token,
  authorId,
  backgroundReaders = 2,
  writeGapMs = 5,
  tailMs = 500,
  random = Math.random, // a seeded one makes the sequence of writes replayable
  label = `consistency-${randomUUID().slice(0, 6)}`,
}) {
  const origin = performance.now();
  const at = (t) => Math.round(t - origin);
  // Per post: its states in order, each with when its write was sent and acknowledged.
  const posts = new Map();
  const order = []; // posts, newest first (the writer creates them one at a time)
  const writes = [];
  const reads = [];
  const stale = [];
  const faults = [];
  // Counted in full, a few examples kept: reads showing a state never written, non-2xx answers
  // (503 with Retry-After apart: the app's documented answer while a dependency is down), and
  // requests slower than a second.
  const problems = { unexpected: [], failed: [], unavailable: [], slow: [] };
  const totals = { unexpected: 0, failed: 0, unavailable: 0, slow: 0 };
  const note = (kind, entry) => {
    totals[kind]++;
    if (problems[kind].length < KEEP) problems[kind].push(entry);
  };
  let unackedCreates = 0;
  let running = true;

  /** Slow and failed requests; true when the answer was a 2xx. */
  function account(response, what) {
    const ms = Math.round(response.endedAt - response.startedAt);
    const entry = {
      atMs: at(response.startedAt),
      ms,
      ...what,
      fault: faultAround(response.startedAt),
    };
    if (ms > SLOW_MS) note("slow", entry);
    if (response.status >= 200 && response.status < 300) return true;
    const expected = response.status === 503 && response.retryAfter !== null;
    note(expected ? "unavailable" : "failed", {
      ...entry,
      status: response.status,
      text: response.text.slice(0, 120),
    });
    return false;
  }

  // What a read that ran from `startedAt` to `endedAt` may show of `post`: a state sent before
  // the read ended and not yet replaced by an acknowledged write when it began. Otherwise the
  // read either missed writes (null: a state that had been replaced) or shows one never sent.
  function judge(post, seen, read) {
    const { versions } = post;
    let replacedBy = null;
    for (let i = 0; i < versions.length; i++) {
      const next = versions[i + 1];
      if (versions[i].title !== seen || versions[i].sentAt > read.endedAt) continue;
      if (!next || next.ackedAt === null || next.ackedAt > read.startedAt) return null;
      replacedBy ??= next;
    }
    return { post, seen, replacedBy };
  }

  /** One verdict per read, however many posts it got wrong. */
  function conclude(read, path, findings) {
    const wrong = findings.filter(Boolean);
    if (wrong.length === 0) return;
    const entry = {
      atMs: at(read.startedAt),
      instance: read.instance,
      path,
      source: read.source,
      fault: faultAround(read.startedAt),
      posts: wrong.slice(0, 5).map(({ post, seen }) => ({
        id: post.id,
        saw: seen,
        expected: post.versions.at(-1).title,
      })),
    };
    const missed = wrong.filter((w) => w.replacedBy).map((w) => w.replacedBy);
    if (missed.length < wrong.length) note("unexpected", entry);
    if (missed.length === 0) return;
    // The earliest acknowledgement the read started after and still missed.
    const first = missed.reduce((a, b) => (b.ackedAt < a.ackedAt ? b : a));
    stale.push({
      ...entry,
      msAfterAck: Math.round(read.startedAt - first.ackedAt),
      missedWrites: missed.length,
      write: { kind: first.kind, seq: first.seq, on: first.instance },
      direction: `${first.instance}→${read.instance}`,
    });
  }

  function faultAround(t) {
    const last = faults.findLast((f) => f.startedAt <= t);
    if (!last) return null;
    const inside = last.endedAt === null || t <= last.endedAt;
    return { kind: last.kind, n: last.n, msAfterStart: Math.round(t - last.startedAt), inside };
  }

  function checkFeed(read, body, path) {
    const limit = Number(new URL(path, "http://x").searchParams.get("limit") ?? 20);
    const items = body.items.map((p) => ({ ...p, createdAt: Date.parse(p.createdAt) }));
    const ours = new Map(items.filter((p) => p.author.id === authorId).map((p) => [p.id, p]));
    const last = items.length < limit ? null : items.at(-1);
    const findings = [];
    for (const post of order) {
      // Past a full page's last item, absence says nothing.
      if (last && !newer(post, last) && post.id !== last.id) break;
      findings.push(judge(post, ours.get(post.id)?.title ?? ABSENT, read));
    }
    return findings;
  }

  async function read(instance, path, source) {
    const response = await request(instance.url + path);
    const entry = { instance: instance.name, source, ...response };
    const record = { instance: instance.name, source, startedAt: response.startedAt };
    record.ms = response.endedAt - response.startedAt;
    reads.push(record);
    const single = path.match(/^\/api\/v1\/posts\/(\d+)$/);
    const post = single && posts.get(Number(single[1]));
    let findings;
    if (single && response.status === 404) findings = post ? [judge(post, ABSENT, entry)] : [];
    else if (!account(response, { instance: instance.name, path })) return;
    else if (single) findings = post ? [judge(post, JSON.parse(response.text).title, entry)] : [];
    else findings = checkFeed(entry, JSON.parse(response.text), path);
    // Checked: the answer was held against at least one acknowledged write.
    record.checked = findings.length > 0;
    conclude(
      entry,
      single ? "/api/v1/posts/:id" : path.replace(/authorId=\d+/, "authorId=<writer>"),
      findings,
    );
  }

  const feedPaths = () => ["/api/v1/posts", `/api/v1/posts?authorId=${authorId}`];
  const recent = () => order.slice(0, 5);
  const live = () => order.filter((p) => p.versions.at(-1).title !== ABSENT).slice(0, 5);

  // One write, retried (same request, same key) until acknowledged or the run ends.
  async function write(seq) {
    const instance = instances[seq % instances.length];
    const candidates = live();
    const roll = random();
    const kind = candidates.length < 3 || roll < 0.6 ? "create" : roll < 0.85 ? "edit" : "delete";
    const target = kind === "create" ? null : candidates[Math.floor(random() * candidates.length)];
    const title = kind === "delete" ? ABSENT : `${label} ${seq} ${kind}`;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const init =
      kind === "create"
        ? { method: "POST", headers: { ...headers, "idempotency-key": randomUUID() } }
        : { method: kind === "edit" ? "PUT" : "DELETE", headers };
    if (kind !== "delete") init.body = JSON.stringify({ title, content: `seq ${seq}` });
    const url = `${instance.url}/api/v1/posts${target ? `/${target.id}` : ""}`;
    const version = {
      kind,
      seq,
      instance: instance.name,
      title,
      sentAt: performance.now(),
      ackedAt: null,
    };
    if (target) target.versions.push(version);
    let attempts = 0;
    for (;;) {
      attempts++;
      const response = await request(url, init);
      // A retried delete whose first attempt went through finds the post gone.
      const gone = kind === "delete" && attempts > 1 && response.status === 404;
      if (gone || account(response, { instance: instance.name, path: `${init.method} ${kind}` })) {
        version.ackedAt = performance.now();
        let post = target;
        if (!post) {
          const created = JSON.parse(response.text);
          post = { id: created.id, createdAt: Date.parse(created.createdAt) };
          post.versions = [{ title: ABSENT, sentAt: -Infinity, ackedAt: -Infinity }, version];
          posts.set(post.id, post);
          order.unshift(post);
        }
        writes.push({ ...version, postId: post.id, attempts });
        return post;
      }
      if (!running) {
        if (kind === "create") unackedCreates++;
        return null;
      }
      await sleep(Math.min(50 * 2 ** attempts, 1000));
    }
  }

  const writer = (async () => {
    for (let seq = 1; running; seq++) {
      const post = await write(seq);
      if (!post) break;
      // The probes: both instances, the moment the acknowledgement is here.
      const paths = [...feedPaths(), `/api/v1/posts/${post.id}`];
      await Promise.all(instances.flatMap((i) => paths.map((path) => read(i, path, "probe"))));
      await sleep(writeGapMs);
    }
  })();

  const background = instances.flatMap((instance) =>
    Array.from({ length: backgroundReaders }, async () => {
      while (running) {
        const roll = Math.random();
        const pick = recent()[Math.floor(Math.random() * recent().length)];
        const path =
          roll < 0.2 && pick
            ? `/api/v1/posts/${pick.id}`
            : roll < 0.3
              ? "/api/v1/posts?limit=5"
              : feedPaths()[roll < 0.65 ? 0 : 1];
        await read(instance, path, "background");
      }
    }),
  );

  return {
    label,
    elapsedMs: () => at(performance.now()),
    /** Runs `inject()` as fault `kind`; reads until `tailMs` after it count as around it. */
    async fault(kind, inject, info = {}) {
      const window = {
        kind,
        n: faults.length + 1,
        info,
        startedAt: performance.now(),
        endedAt: null,
      };
      faults.push(window);
      try {
        await inject();
      } finally {
        window.endedAt = performance.now();
      }
    },
    async stop() {
      running = false;
      await Promise.all([writer, ...background]);
      return summarize();
    },
  };

  function summarize() {
    const spread = (values) => {
      const sorted = values.toSorted((a, b) => a - b);
      const pick = (q) =>
        Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
      return { p50: pick(0.5), p99: pick(0.99), max: pick(1) };
    };
    const count = (list, key) =>
      list.reduce((totals, item) => ({ ...totals, [key(item)]: (totals[key(item)] ?? 0) + 1 }), {});
    const checked = reads.filter((r) => r.checked);
    const windows = faults.map((f) => {
      const until = f.endedAt + tailMs;
      const inside = (t) => t >= f.startedAt && t <= until;
      const around = checked.filter((r) => inside(r.startedAt));
      return {
        kind: f.kind,
        n: f.n,
        ...f.info,
        atMs: at(f.startedAt),
        ms: Math.round(f.endedAt - f.startedAt),
        writesAcked: writes.filter((w) => inside(w.ackedAt)).length,
        checkedReads: count(around, (r) => r.instance),
        probeReads: count(
          around.filter((r) => r.source === "probe"),
          (r) => r.instance,
        ),
        stale: stale.filter((s) => s.fault?.n === f.n && s.atMs <= at(until)).length,
      };
    });
    return {
      label,
      durationMs: at(performance.now()),
      writes: {
        acknowledged: writes.length,
        byKind: count(writes, (w) => w.kind),
        byInstance: count(writes, (w) => w.instance),
        retried: writes.filter((w) => w.attempts > 1).length,
        ms: spread(writes.map((w) => w.ackedAt - w.sentAt)),
      },
      reads: {
        total: reads.length,
        checked: checked.length,
        byInstance: count(checked, (r) => r.instance),
        probes: reads.filter((r) => r.source === "probe").length,
        ms: spread(reads.map((r) => r.ms)),
      },
      stale: {
        count: stale.length,
        maxMsAfterAck: stale.reduce((max, s) => Math.max(max, s.msAfterAck), 0),
        byInstance: count(stale, (s) => s.instance),
        byPath: count(stale, (s) => s.path),
        byDirection: count(stale, (s) => s.direction),
        byFault: count(stale, (s) => s.fault?.kind ?? "none"),
        first: stale.slice(0, KEEP),
      },
      ...Object.fromEntries(
        Object.keys(problems).map((kind) => [kind, { count: totals[kind], first: problems[kind] }]),
      ),
      faults: { byKind: count(faults, (f) => f.kind), windows },
      ledger: {
        unackedCreates,
        posts: [...posts.values()].map((p) => ({ id: p.id, title: p.versions.at(-1).title })),
      },
    };
  }
}

/**
 * Compares the writer's posts in the database with the ledger: every acknowledged create and
 * edit there with its last title, every acknowledged delete gone, no post created twice.
 */
export async function checkWrites(databaseUrl, authorId, { posts, unackedCreates }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT id, title FROM "Post" WHERE "authorId" = $1`, [
      authorId,
    ]);
    const stored = new Map(rows.map((row) => [row.id, row.title]));
    const known = new Set(posts.map((p) => p.id));
    const lost = posts.filter((p) => p.title !== null && stored.get(p.id) !== p.title);
    const undeleted = posts.filter((p) => p.title === null && stored.has(p.id));
    // A create still unacknowledged when the run stopped may or may not have been stored.
    const extra = rows.filter((row) => !known.has(row.id)).length;
    return {
      posts: posts.length,
      lostAcknowledged: lost.length + undeleted.length,
      lost: [...lost, ...undeleted].slice(0, 10),
      duplicated: Math.max(0, extra - unackedCreates),
    };
  } finally {
    await client.end();
  }
}
