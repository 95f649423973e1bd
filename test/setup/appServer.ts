import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

// Runs the real Wasp-generated server (the bundle built by
// `npm --prefix .wasp/out/server run bundle`) as a child process, as production does.
const BUNDLE = ".wasp/out/server/bundle/server.js";

export type AppServer = {
  url: string;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
  /** Waits until the output contains `text` (it travels on a pipe, apart from the HTTP answers). */
  waitForOutput: (text: string, timeoutMs?: number) => Promise<boolean>;
  /** Sends a signal (e.g. SIGTERM to test graceful shutdown). */
  signal: (signal: NodeJS.Signals) => void;
  /** Resolves with the exit code (null when killed by a signal) once the process ends. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

export async function startAppServer(options: {
  port?: number;
  /** Added to this process's environment; `undefined` removes a variable. */
  env: Record<string, string | undefined>;
}): Promise<AppServer> {
  if (!existsSync(BUNDLE)) {
    throw new Error(
      `${BUNDLE} is missing: run npm test (or wasp compile + the server bundle) first`,
    );
  }
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ["--enable-source-maps", BUNDLE], {
    env: Object.fromEntries(
      Object.entries({ ...process.env, ...options.env, PORT: String(port) }).filter(
        ([, value]) => value !== undefined,
      ),
    ),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  // "close", not "exit": it comes after the output pipes are drained.
  const exited = new Promise<number | null>((resolve) =>
    child.once("close", (code) => resolve(code)),
  );

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 30 s:\n${output}`)),
      30_000,
    );
    const onData = () => {
      if (output.includes("Server listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });

  return {
    url: `http://localhost:${port}`,
    output: () => output,
    waitForOutput: async (text, timeoutMs = 3000) => {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return output.includes(text);
    },
    signal: (signal) => {
      if (child.exitCode === null) child.kill(signal);
    },
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Waits until the server's Redis connection is up (its /readyz says so; results are reused for up
 * to a second). Until then its limiters count in memory, on purpose: tests of shared counts wait.
 */
export async function redisReady(server: AppServer, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await fetch(`${server.url}/readyz`)
      .then((response) => response.json() as Promise<{ checks?: { redis?: { status?: string } } }>)
      .catch(() => null);
    if (ready?.checks?.redis?.status === "up") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${server.url}: Redis not ready after ${timeoutMs} ms`);
}
