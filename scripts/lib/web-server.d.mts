export const WEB_BUILD_DIR: string;
export function startWebServer(options: {
  port: number;
  dir?: string;
  host?: string;
}): Promise<{ url: string; stop: () => Promise<void> }>;
