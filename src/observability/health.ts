import type { Request, Response } from "express";
import { logger } from "./logger";
import { metrics } from "./metrics";

// Probes for the load balancer / orchestrator.
// /healthz (liveness): the process answers; touches nothing else, so a database outage never
//   gets healthy processes restarted.
// /readyz (readiness): may this instance take traffic? 503 when a critical dependency is down
//   or the process is shutting down. Non-critical dependencies (the cache) report "degraded"
//   without taking the instance out of rotation.

export type CheckStatus = "up" | "down" | "degraded" | "not configured";
export type CheckResult = { status: CheckStatus; latencyMs?: number; error?: string };
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

export async function readyz(_req: Request, res: Response) {
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
  const status = shuttingDown ? "shutting down" : failing.length > 0 ? "not ready" : "ready";
  res
    .status(status === "ready" ? 200 : 503)
    .set("Cache-Control", "no-store")
    .json({ status, checks: results });
}
