export type Instance = { name: string; url: string };

type Counts = Record<string, number>;
type Spread = { p50: number; p99: number; max: number };
type Examples<T = Record<string, unknown>> = { count: number; first: T[] };

export type StaleRead = {
  atMs: number;
  instance: string;
  path: string;
  source: "probe" | "background";
  fault: { kind: string; n: number; msAfterStart: number; inside: boolean } | null;
  posts: { id: number; saw: string | null; expected: string | null }[];
  msAfterAck: number;
  missedWrites: number;
  write: { kind: "create" | "edit" | "delete"; seq: number; on: string };
  direction: string;
};

export type FaultWindow = {
  kind: string;
  n: number;
  atMs: number;
  ms: number;
  writesAcked: number;
  /** Checked reads started during the fault or up to `tailMs` after it, per instance. */
  checkedReads: Counts;
  /** Of those, the probes started the moment a write was acknowledged. */
  probeReads: Counts;
  stale: number;
} & Record<string, unknown>;

export type ConsistencySummary = {
  label: string;
  durationMs: number;
  writes: { acknowledged: number; byKind: Counts; byInstance: Counts; retried: number; ms: Spread };
  reads: {
    total: number;
    /** Answered and held against at least one acknowledged write. */
    checked: number;
    byInstance: Counts;
    probes: number;
    ms: Spread;
  };
  stale: {
    count: number;
    maxMsAfterAck: number;
    byInstance: Counts;
    byPath: Counts;
    byDirection: Counts;
    byFault: Counts;
    first: StaleRead[];
  };
  unexpected: Examples;
  failed: Examples;
  unavailable: Examples;
  slow: Examples;
  faults: { byKind: Counts; windows: FaultWindow[] };
  ledger: { unackedCreates: number; posts: { id: number; title: string | null }[] };
};

export type ConsistencyRun = {
  label: string;
  elapsedMs(): number;
  fault(
    kind: string,
    inject: () => Promise<unknown>,
    info?: Record<string, unknown>,
  ): Promise<void>;
  stop(): Promise<ConsistencySummary>;
};

export function startConsistencyRun(options: {
  instances: Instance[];
  token: string;
  authorId: number;
  backgroundReaders?: number;
  writeGapMs?: number;
  tailMs?: number;
  /** Picks each write's kind and target (default Math.random). */
  random?: () => number;
  label?: string;
}): ConsistencyRun;

export function checkWrites(
  databaseUrl: string,
  authorId: number,
  ledger: ConsistencySummary["ledger"],
): Promise<{
  posts: number;
  lostAcknowledged: number;
  lost: { id: number; title: string | null }[];
  duplicated: number;
}>;
