export type FaultyRedis = {
  url: string;
  pid(): number;
  /** `CLIENT PAUSE <ms> WRITE`; resolves once the pause is over. */
  pauseWrites(ms: number): Promise<void>;
  /** SIGSTOP, then SIGCONT after `ms`. */
  stop(ms: number): Promise<void>;
  /** `DEBUG SLEEP <ms / 1000>`; resolves with its reply. */
  sleep(ms: number): Promise<void>;
  /** SIGKILL and a fresh start on the same port, without the data. */
  restart(downMs?: number): Promise<void>;
  close(): Promise<void>;
};
export function startFaultyRedis(port: number): Promise<FaultyRedis>;

type Check = { ok: boolean } & Record<string, unknown>;
export function verifyInjectors(faults: FaultyRedis): Promise<{
  pauseWrites: Check & { publishMs: number | null; pingMs: number | null; getMs: number | null };
  stop: Check & { pingMs: number | null };
  sleep: Check & { pingMs: number | null };
  restart: Check & { newProcess: boolean; keyAfter: string | null };
  ok: boolean;
}>;
