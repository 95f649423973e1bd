export type Rng = {
  next: () => number;
  int: (n: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
};
export function createRng(seed: number): Rng;

export type ApiRoute = {
  method: string;
  path: string;
  pathParams: string[];
  query: string[];
  body: Record<string, unknown> | null;
  secured: boolean;
  /** RealWorld door routes only. */
  door?: "realworld";
  prefix?: string;
  scheme?: "Token";
  envelope?: "user" | "article" | "comment" | null;
  signIn?: boolean;
};
export function deriveRoutes(openapi: unknown): ApiRoute[];
export function realworldApiRoutes(
  descriptions: {
    method: string;
    path: string;
    handler: string;
    access: "public" | "user";
    signIn?: boolean;
    body?: { envelope: "user" | "article" | "comment"; required?: string[] };
  }[],
  prefix?: string,
): ApiRoute[];
export function sampleBody(schema: unknown): Record<string, unknown>;

export function signJwt(header: object, payload: object, secret: string | null): string;
export function forgeTokens(options: { secret: string; userId: number }): Record<string, string>;

export const INJECTIONS: string[];
export const ODD_STRINGS: string[];
export const ODD_IDS: string[];
export const CATEGORIES: string[];

export type HostileRequest = {
  n: number;
  category: string;
  door: "v1" | "realworld";
  prefix: string;
  route: string;
  authMode: string;
  method: string;
  path: string;
  headers: [string, string | Buffer][];
  body?: Buffer;
  raw: { pathBytes?: Buffer; protocol?: string } | null;
};
export function generateRequests(options: {
  seed: number;
  count: number;
  routes?: ApiRoute[];
  doors?: { routes: ApiRoute[]; share: number }[];
  auth?: { user?: string; admin?: string };
  forged?: Record<string, string>;
  bodyLimitBytes?: number;
  ids?: { posts: number[]; users: number[]; slugs?: string[]; usernames?: string[] };
}): HostileRequest[];

export type RawResponse = {
  status: number;
  headers: Record<string, string>;
  body: string;
  error?: string;
};
export function toBytes(request: HostileRequest, options: { host: string }): Buffer;
export function send(
  baseUrl: string,
  request: HostileRequest,
  options?: { timeoutMs?: number },
): Promise<RawResponse>;
export function verdict(request: HostileRequest, response: RawResponse): string | null;
export function runAll(
  baseUrl: string,
  requests: HostileRequest[],
  options?: {
    concurrency?: number;
    timeoutMs?: number;
    onResult?: (request: HostileRequest, response: RawResponse) => void | Promise<void>;
  },
): Promise<void>;
