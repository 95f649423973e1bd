import type { Server } from "node:http";
import { logger } from "./logger";
import { markShuttingDown } from "./health";

// Graceful shutdown on SIGTERM (orchestrators) and SIGINT (Ctrl-C): /readyz turns 503 at once,
// new connections are refused after `drainMs` (time for the load balancer to notice), in-flight
// requests get up to `timeoutMs` to finish, then the remaining connections are cut, resources
// (the database pool, Redis) are closed and the process exits 0. A second signal exits at once.

export type ShutdownOptions = { server: Server; timeoutMs: number; drainMs: number };

const closers: { name: string; close: () => Promise<unknown> }[] = [];
const CLOSE_TIMEOUT_MS = 3000;

/** Registers a resource to close after the last request (in registration order). */
export function onShutdown(name: string, close: () => Promise<unknown>) {
  closers.push({ name, close });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function shutDown(signal: string, { server, timeoutMs, drainMs }: ShutdownOptions) {
  const started = Date.now();
  logger.info({ signal, timeoutMs, drainMs }, "shutdown started: readiness now fails");
  markShuttingDown();
  // Responses during shutdown ask keep-alive clients to reconnect (to another instance).
  server.on("request", (_req, res) => {
    if (!res.headersSent) res.setHeader("Connection", "close");
  });
  if (drainMs > 0) await sleep(drainMs);

  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const deadline = sleep(timeoutMs).then(() => "timeout" as const);
  if ((await Promise.race([closed.then(() => "closed" as const), deadline])) === "timeout") {
    logger.warn({ timeoutMs }, "shutdown: requests still running after the timeout; cutting them");
    server.closeAllConnections();
  }
  // Each resource gets a bounded time to close: a pool still waiting on a connection that died
  // with its server (after a database outage) must not keep the process alive forever.
  for (const { name, close } of closers) {
    const outcome = await Promise.race([
      close().then(
        () => "closed" as const,
        (error: unknown) => {
          logger.error({ err: error, resource: name }, `shutdown: closing ${name} failed`);
          return "failed" as const;
        },
      ),
      sleep(CLOSE_TIMEOUT_MS).then(() => "timeout" as const),
    ]);
    if (outcome === "timeout") {
      logger.warn(
        { resource: name, timeoutMs: CLOSE_TIMEOUT_MS },
        `shutdown: closing ${name} timed out`,
      );
    }
  }
  logger.info({ durationMs: Date.now() - started }, "shutdown complete");
}

export function installGracefulShutdown(options: ShutdownOptions) {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    shutDown(signal, options)
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.fatal({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

/** Crashes still crash (exit 1), but leave a JSON line with the stack for the log shipper. */
export function installCrashLogging() {
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, "uncaught exception: exiting");
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    logger.fatal({ err: reason }, "unhandled promise rejection: exiting");
    process.exit(1);
  });
}
