// Only what the TypeScript tests import; the scripts use app-process.mjs directly.
export function productionEnv(options: {
  databaseUrl: string;
  redisUrl?: string;
  redisPrefix?: string;
  [name: string]: string | undefined;
}): Record<string, string | undefined>;
