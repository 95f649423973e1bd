export const HSTS: string;
export function inlineScriptHashes(buildDir: string): string[];
export function webSecurityHeaders(options: {
  apiUrl: string;
  scriptHashes: string[];
}): Record<string, string>;
export function nginxAddHeaders(headers: Record<string, string>): string;
