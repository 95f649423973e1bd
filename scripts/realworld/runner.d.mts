import type { HurlFile } from "./hurl.mjs";

export type HurlFailure = { where: string; check: string; message: string };

export type HurlOutcome = {
  where: string;
  /** Method, URL and body as sent. */
  request: string;
  response: { status: number; text: string } | null;
  passed: number;
  failures: HurlFailure[];
  stop: boolean;
};

export type HurlFileResult = {
  file: string;
  requests: number;
  checks: number;
  passed: number;
  /** The requests that had a failure, in order. */
  failed: HurlOutcome[];
  /** Set when a failed capture (or an unsendable request) ended the file early. */
  stopped: { where: string; requests: number; checks: number } | null;
};

export function runFile(
  parsed: HurlFile,
  options: { host: string; uid: string; timeoutMs?: number },
): Promise<HurlFileResult>;

/** Lowercase letters and digits, at most 12. */
export function newUid(): string;
