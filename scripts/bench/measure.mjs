// One scenario's load (autocannon) with what the server spent on it, and the medians the report
// is made of. Shared by the bench's normal run and its growth mode.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { log } from "../lib/process.mjs";

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

// CPU time (user + system) a process has used so far, in microseconds. The server's CPU per
// request is steadier than req/s here: it does not depend on what else the machine is doing.
const TICK_US = 1e6 / Number(process.env.CLK_TCK ?? 100);
function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_US; // utime, stime
}

/** The process's resident memory in MB (VmRSS), or 0 once it is gone. */
function rssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Number(line[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export function load(title, { expectStatus, server, ...options }) {
  const pid = server.child.pid;
  const cpuBefore = cpuMicros(pid);
  // Sampled while the load runs: the peak is what a container's memory limit has to allow.
  let rssPeak = rssMb(pid);
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid))), 250);
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) => {
      clearInterval(sampler);
      if (error) return reject(error);
      const cpu = cpuMicros(pid) - cpuBefore;
      // A request failed when it got another status than the scenario expects (2xx, or 304).
      const answered = Object.entries(result.statusCodeStats ?? {});
      const expected = answered
        .filter(([code]) => (expectStatus ? Number(code) === expectStatus : code.startsWith("2")))
        .reduce((sum, [, stats]) => sum + stats.count, 0);
      const total = answered.reduce((sum, [, stats]) => sum + stats.count, 0);
      resolve({
        title,
        rps: Math.round(result.requests.average),
        cpuPerRequestUs: Math.round((cpu / Math.max(1, result.requests.total)) * 10) / 10,
        p50: result.latency.p50,
        p99: result.latency.p99,
        rssMb: Math.round(rssPeak),
        failed: total - expected + result.errors + result.timeouts,
      });
    });
  });
}

export async function warm(url, { expectStatus: _status, server: _server, ...options } = {}) {
  await new Promise((resolve) =>
    autocannon({ url, connections: 10, duration: 2, ...options }, () => resolve()),
  );
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Every scenario once per round, ROUNDS times (interleaved: the machine's speed drifts), the
 * first round after a warm-up; `[title, options]` pairs, `options.prepare` refreshing options.
 */
export async function runRounds(scenarios, label = "") {
  const rounds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const measured = [];
    for (const [title, { prepare, ...fixed }] of scenarios) {
      const options = { ...fixed, ...(await prepare?.()) };
      log(`${label}round ${round}/${ROUNDS}: ${title} (${SECONDS} s, ${CONNECTIONS} connections)`);
      if (round === 1) await warm(options.url, options);
      measured.push(await load(title, options));
    }
    rounds.push(measured);
  }
  return rounds;
}

/** Per scenario, the medians over the rounds (failures summed, memory's peak kept). */
export function summarise(scenarios, rounds) {
  return scenarios.map(([title], i) => {
    const of = (key) => rounds.map((round) => round[i][key]);
    return {
      title,
      rps: Math.round(median(of("rps"))),
      p50: median(of("p50")),
      p99: median(of("p99")),
      cpuPerRequestUs: median(of("cpuPerRequestUs")),
      rssMb: Math.max(...of("rssMb")),
      failed: of("failed").reduce((sum, n) => sum + n, 0),
    };
  });
}

/**
 * Ratios of scenario `a` to `b` computed within each round, then medianed: of req/s, and of
 * requests per server CPU second (b's CPU per request over a's). Null when either did not run.
 */
export function ratiosOf(scenarios, rounds) {
  const indexOf = (title) => scenarios.findIndex(([t]) => t === title);
  const perRound = (a, b, value) => {
    const [i, j] = [indexOf(a), a === b ? -1 : indexOf(b)];
    return i < 0 || j < 0 ? [] : rounds.map((round) => value(round[i], round[j]));
  };
  const medianOf = (values) => (values.length ? Number(median(values).toFixed(2)) : null);
  return {
    perRound: (a, b) => perRound(a, b, (x, y) => Number((x.rps / y.rps).toFixed(2))),
    rps: (a, b) => medianOf(perRound(a, b, (x, y) => x.rps / y.rps)),
    cpu: (a, b) => medianOf(perRound(a, b, (x, y) => y.cpuPerRequestUs / x.cpuPerRequestUs)),
  };
}

// Medians of an even count of rounds are means of two: shown to one decimal at most.
const cell = (value, width) =>
  String(typeof value === "number" ? Math.round(value * 10) / 10 : (value ?? "n/a")).padStart(
    width,
  );

export function printTable(results) {
  console.log(`${"scenario".padEnd(44)}   req/s   p50 ms   p99 ms   failed   CPU µs/req   RSS MB`);
  for (const r of results) {
    console.log(
      `${r.title.padEnd(44)} ${cell(r.rps, 7)} ${cell(r.p50, 8)} ${cell(r.p99, 8)} ${cell(r.failed, 8)} ${cell(r.cpuPerRequestUs, 12)} ${cell(r.rssMb, 8)}`,
    );
  }
}
