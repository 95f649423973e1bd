import type { ChildProcess } from "node:child_process";

/** Test-only and script overrides; `undefined` removes a variable from the child's environment. */
export type EnvOverrides = Record<string, string | undefined>;

export type ChildHandle = {
  name: string;
  child: ChildProcess;
  pid: number | undefined;
  /** Everything it printed so far (stdout unless discarded, and stderr). */
  output: () => string;
  /** Waits until the output contains `text` (it travels on a pipe, apart from HTTP answers). */
  waitForOutput: (text: string, timeoutMs?: number) => Promise<boolean>;
  /** Sends a signal (e.g. SIGTERM to test graceful shutdown) when it still runs. */
  signal: (signal: NodeJS.Signals) => void;
  /** Resolves with the exit code (null when killed by a signal) once it ended and its output is read. */
  exited: Promise<number | null>;
  alive: () => boolean;
  /** Sends `signal` (default SIGTERM); after `graceMs` (default 15 s) SIGKILL. */
  stop: (
    signal?: NodeJS.Signals,
    graceMs?: number,
  ) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export type AppServer = ChildHandle & { url: string; port: number };

type LaunchOptions = {
  name?: string;
  env?: EnvOverrides;
  readyUrl?: string;
  discardStdout?: boolean;
  detached?: boolean;
  onSpawn?: (child: ChildProcess) => void;
  onOutput?: (text: string) => void;
  timeoutMs?: number;
};

export function startProcess(
  options: LaunchOptions & { name: string; command?: string; args: string[]; ready?: RegExp },
): Promise<ChildHandle>;

/** The server bundle on `port` (default: a free one), ready once it listens. */
/** The server's Node flags (deploy/server-node-flags), which deploy/Dockerfile runs it with too. */
export const SERVER_NODE_FLAGS: string[];

export function startApp(
  options: LaunchOptions & { port?: number; nodeArgs?: string[] },
): Promise<AppServer>;

/** Waits until the server's /readyz reports Redis up. */
export function redisReady(server: { url: string }, timeoutMs?: number): Promise<void>;

export function freePort(): Promise<number>;
export function portFree(port: number): Promise<boolean>;

export function productionEnv(options: {
  databaseUrl: string;
  redisUrl?: string;
  redisPrefix?: string;
  [name: string]: string | undefined;
}): EnvOverrides;

/** Drops and creates the database at `url`, then applies the migrations (prisma migrate deploy). */
export function prepareDatabase(url: string): Promise<void>;
