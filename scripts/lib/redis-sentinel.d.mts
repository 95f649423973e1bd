import type { Redis } from "ioredis";

export function withRedis<T>(port: number, work: (client: Redis) => Promise<T>): Promise<T>;
export function waitFor<T>(what: string, check: () => Promise<T>, timeoutMs?: number): Promise<T>;

export type SentinelSetup = {
  name: string;
  dir: string;
  /** REDIS_SENTINELS for the app: "127.0.0.1:<port>,…". */
  sentinels: string;
  masterPort(): Promise<number>;
  kill(port: number): Promise<void>;
  info(port: number, section: string): Promise<string>;
  stop(): Promise<void>;
};

export function startSentinelSetup(options: {
  name?: string;
  masterPort: number;
  replicaPorts: number[];
  replicaOf?: number[];
  sentinelPorts: number[];
  quorum?: number;
  downAfterMs?: number;
  failoverTimeoutMs?: number;
}): Promise<SentinelSetup>;
