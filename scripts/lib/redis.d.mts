export function pingRedis(url: string, timeoutMs?: number): Promise<boolean>;
export function hasRedisServer(): boolean;
export function startRedisServer(
  port: number,
  options?: { dir?: string; args?: string[] },
): Promise<{ url: string; pid: number; exited: Promise<unknown>; stop: () => Promise<void> }>;
