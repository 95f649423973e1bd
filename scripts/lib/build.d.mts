export const SERVER_BUNDLE: string;
export const WEB_BUILD_DIR: string;
export function serverBundleStale(): string | null;
export function webBuildStale(apiUrl: string, dir?: string): string | null;
/** The server bundle and a web build for `apiUrl`, each rebuilt when a source is newer. */
export function ensureBuilds(options: {
  apiUrl: string;
  log?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
  force?: boolean;
  compiled?: boolean;
}): Promise<void>;
