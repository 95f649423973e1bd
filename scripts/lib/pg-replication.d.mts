export type PgServer = {
  name: string;
  port: number;
  data: string;
  /** URL of `database` (default `postgres`) on this server. */
  url: (database?: string) => string;
  start: () => Promise<unknown>;
  stop: () => Promise<unknown>;
  running: () => boolean;
};

export type ReplicatedPostgres = {
  primary: PgServer;
  standbys: PgServer[];
  /** Sets standby `i`'s recovery_min_apply_delay (0 = apply at once) and reloads it. */
  setDelay: (i: number, ms: number) => Promise<void>;
  /** Resolves once standby `i` has replayed what the primary had written when called. */
  waitForReplay: (i: number, timeoutMs?: number) => Promise<void>;
  /** Stops every server and deletes the scratch dir; never throws. */
  remove: () => Promise<void>;
  root: string;
};

export function startReplicatedPostgres(options: {
  port: number;
  standbys?: number;
  name?: string;
}): Promise<ReplicatedPostgres>;
