export class HurlSyntaxError extends Error {
  /** file:line of the offending line. */
  where: string;
}

/** A predicate's expected value as written: a "string" (with {{…}}), {{variable}}, /regex/ or literal. */
export type HurlValue =
  | { kind: "string"; template: string }
  | { kind: "variable"; name: string }
  | { kind: "regex"; source: string }
  | { kind: "literal"; value: number | boolean | null };

export type HurlAssert = {
  where: string;
  /** The assert's line as written. */
  source: string;
  path: string;
  filters: "count"[];
  not: boolean;
  predicate: string;
  value: HurlValue | null;
};

export type HurlCapture = { where: string; name: string; path: string; filters: "count"[] };

export type HurlEntry = {
  where: string;
  method: string;
  url: string;
  headers: { where: string; name: string; value: string }[];
  body: { where: string; source: string } | null;
  status: { where: string; code: number };
  asserts: HurlAssert[];
  captures: HurlCapture[];
};

export type HurlFile = { file: string; entries: HurlEntry[] };

/** The requests of one Hurl file; throws HurlSyntaxError (file:line) outside the subset. */
export function parseHurl(text: string, file: string): HurlFile;
/** One status check per request plus its asserts. */
export function countChecks(parsed: { entries: HurlEntry[] }): number;
/** Every *.hurl file of `dir`, parsed, in name order. */
export function loadSuite(dir: string): HurlFile[];
