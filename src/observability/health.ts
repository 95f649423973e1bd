import type { Request, Response } from "express";
import { logger } from "./logger";
import { metrics } from "./metrics";
import { sameSecret } from "../shared/secrets";

// Probes for the load balancer / orchestrator.
// /healthz (liveness): the process answers; touches nothing else, so a database outage never
//   gets healthy processes restarted.
// /readyz (readiness): may this instance take traffic? 503 when a critical dependency is down
//   or the process is shutting down. Non-critical dependencies (the cache) report "degraded"
//   without taking the instance out of rotation. The per-check details (status, latency,
//   error text) are for internal callers only; everyone else gets `{ status }`. Checks run at
//   most once per READINESS_REUSE_MS however many probes arrive, so a flood of /readyz never
//   becomes a flood of database queries.

export type CheckStatus = "up" | "down" | "degraded" | "not configured";
export type CheckResult = {
  status: CheckStatus;
  latencyMs?: number;
  /** A read replica's replay lag (src/server/replicas/). */
  lagMs?: number;
  error?: string;
};
export type ReadinessCheck = {
  name: string;
  /** A critical check that is not "up" makes /readyz answer 503. */
  critical: boolean;
  run: () => Promise<CheckResult>;
};

const checks = new Map<string, ReadinessCheck>();
let shuttingDown = false;

/** Adds or replaces a check (e.g. the Redis cache registers itself when it is configured). */
export function registerReadinessCheck(check: ReadinessCheck) {
  checks.set(check.name, check);
}

export const markShuttingDown = () => {
  shuttingDown = true;
};
export const isShuttingDown = () => shuttingDown;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A check that is "up" when `probe` settles within `timeoutMs`, "down" otherwise. */
export function timedCheck(
  name: string,
  timeoutMs: number,
  probe: () => Promise<unknown>,
): ReadinessCheck["run"] {
  return async () => {
    const started = performance.now();
    try {
      await withTimeout(probe(), timeoutMs);
      return { status: "up", latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn({ check: name, err: error }, `readiness check ${name} failed`);
      return { status: "down", latencyMs: Math.round(performance.now() - started), error: message };
    }
  };
}

export function healthz(_req: Request, res: Response) {
  res.set("Cache-Control", "no-store").json({ status: "ok", uptimeSeconds: process.uptime() });
}

/** How long a finished check run answers later probes. */
export const READINESS_REUSE_MS = 1000;
type Run = { results: Record<string, CheckResult>; ready: boolean; finishedAt: number };
let inFlight: Promise<Run> | null = null;
let lastRun: Run | null = null;

async function runChecks(): Promise<Run> {
  const results: Record<string, CheckResult> = {};
  await Promise.all(
    [...checks.values()].map(async (check) => {
      results[check.name] = await check.run();
    }),
  );
  const failing = [...checks.values()].filter(
    (check) => check.critical && results[check.name]?.status !== "up",
  );
  if (failing.some((check) => check.name === "postgres")) metrics.dbError("readiness");
  logger.debug({ checks: results }, "readiness checks ran");
  return { results, ready: failing.length === 0, finishedAt: Date.now() };
}

/** The latest check run: a fresh enough one, the one under way, or a new one. */
function currentReadiness(): Promise<Run> {
  if (lastRun && Date.now() - lastRun.finishedAt < READINESS_REUSE_MS) {
    return Promise.resolve(lastRun);
  }
  inFlight ??= runChecks()
    .then((run) => (lastRun = run))
    .finally(() => (inFlight = null));
  return inFlight;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Internal: the metrics scraper's bearer token, or a request made on this machine straight to
 * the instance (a loopback peer and no X-Forwarded-For, so not through nginx). The socket's
 * address, not req.ip: `trust proxy` must not turn a forwarded request into a local one.
 */
export function isInternalCaller(req: Request, metricsToken: string | undefined) {
  const [scheme, given] = (req.get("authorization") ?? "").split(" ");
  if (metricsToken && scheme?.toLowerCase() === "bearer" && given) {
    return sameSecret(given, metricsToken);
  }
  const peer = req.socket.remoteAddress ?? "";
  return LOOPBACK.test(peer) && req.get("x-forwarded-for") === undefined;
}

export function readyz({ metricsToken }: { metricsToken?: string }) {
  return async (req: Request, res: Response) => {
    const run = await currentReadiness();
    const status = shuttingDown ? "shutting down" : run.ready ? "ready" : "not ready";
    res
      .status(status === "ready" ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json(isInternalCaller(req, metricsToken) ? { status, checks: run.results } : { status });
  };
}
