export const WEB_BUILD_DIR: string;
export function startWebServer(options: {
  port: number;
  dir?: string;
  host?: string;
  /** The API origin the build calls (CSP connect-src); default: the browser tests' server. */
  apiUrl?: string;
}): Promise<{ url: string; stop: () => Promise<void> }>;
