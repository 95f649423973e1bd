import { createRequire } from "node:module";
import { hostname } from "node:os";
import { pino, type DestinationStream, type LoggerOptions } from "pino";

// The server's one logger: JSON lines on stdout (one object per line, for the log shipper),
// human-readable only in development when pino-pretty (a devDependency) is installed.
// LOG_LEVEL and LOG_FORMAT are read from the environment directly because this module loads
// before anything else; src/shared/env.ts validates and documents them.
const development = process.env.NODE_ENV === "development";

// Anything that could let a reader act as someone else never reaches the log.
export const redactPaths = [
  "password",
  "*.password",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "sessionId",
  "*.sessionId",
  "authorization",
  "*.authorization",
  "cookie",
  "*.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "metadata.password",
];

function prettyStream(): DestinationStream | undefined {
  const format = process.env.LOG_FORMAT ?? (development ? "pretty" : "json");
  if (format !== "pretty") return undefined;
  try {
    // Loaded synchronously (no worker thread) and only when present: production installs
    // without devDependencies.
    const pretty = createRequire(import.meta.url)("pino-pretty") as (
      options: object,
    ) => DestinationStream;
    return pretty({
      colorize: true,
      singleLine: true,
      translateTime: "HH:MM:ss.l",
      ignore: "pid,hostname,service",
    });
  } catch {
    return undefined;
  }
}

const options: LoggerOptions = {
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "inkwell", pid: process.pid, hostname: hostname() },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: redactPaths, censor: "[redacted]" },
  serializers: { err: pino.stdSerializers.err },
};

// One asynchronous stdout writer for both loggers below: lines logged while a write is in
// flight go out together in the next one, instead of one write() system call per line (which
// cost about a fifth of a cached feed request). Pino flushes it synchronously when the process
// exits, on the crash path too; only a SIGKILL can cut the lines of the write in flight.
const pretty = prettyStream();
const destination = pretty ?? pino.destination({ dest: 1, sync: false });
export const logger = pino(options, destination);

/** Same output, no redaction pass: only for lines built from allowlisted fields. */
const plainOptions: LoggerOptions = { ...options, redact: undefined };
export const plainLogger = pino(plainOptions, destination);
export type Logger = typeof logger;

const LEVELS = { debug: 20, info: 30, warn: 40, error: 50 } as const;
const BINDINGS = `,"service":"inkwell","pid":${process.pid},"hostname":${JSON.stringify(hostname())}`;

// Access lines are gathered for FLUSH_MS (or up to FLUSH_BYTES) and sent in one write: each
// write is a thread-pool job and a system call, which cost more than building the lines. Once
// per event-loop turn was not enough at a few thousand requests a second (a turn serves only
// a few; the write cost ~15 µs per request of a single post read, npm run bench). Lines reach
// stdout at most FLUSH_MS late, in order among themselves; each carries its time. Flushed
// before the process exits, on the crash path too.
const FLUSH_MS = 10;
const FLUSH_BYTES = 64 * 1024;
let pendingLines = "";
let flushTimer: NodeJS.Timeout | undefined;

// pino's isoTime, made once per millisecond: under load many lines share one (a Date and its
// ISO string per line cost more than the rest of the line).
let lastMs = 0;
let lastIso = "";
function isoNow() {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}
const flushLines = () => {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  if (!pendingLines) return;
  const lines = pendingLines;
  pendingLines = "";
  destination.write(lines);
};
if (!pretty) process.prependListener("exit", flushLines);

/**
 * Writes the JSON line plainLogger would write (same fields, same order, same stream) from
 * fields already serialised (`,"name":value…`), or is null when lines are pretty-printed. For
 * the access line of every request: pino's generic path (its object walk, per-call bindings and
 * serializers) cost a few microseconds per request; the caller checks the level is enabled.
 */
export const writeJsonLine:
  ((level: keyof typeof LEVELS, fields: string, msg: string) => void) | null = pretty
  ? null
  : (level, fields, msg) => {
      pendingLines += `{"level":${LEVELS[level]},"time":"${isoNow()}"${BINDINGS}${fields},"msg":${JSON.stringify(msg)}}\n`;
      if (pendingLines.length >= FLUSH_BYTES) flushLines();
      // Unref'd: a pending flush never keeps the process alive (the exit hook writes it).
      else flushTimer ??= setTimeout(flushLines, FLUSH_MS).unref();
    };
