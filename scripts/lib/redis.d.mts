export function pingRedis(url: string, timeoutMs?: number): Promise<boolean>;
export function hasRedisServer(): boolean;
export function startRedisServer(
  port: number,
  options?: { dir?: string },
): Promise<{ url: string; exited: Promise<unknown>; stop: () => Promise<void> }>;
