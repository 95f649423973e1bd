export type ClusterInstance = {
  name: string;
  port: number;
  url: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  start(): Promise<void>;
  /** Sends `signal` (default SIGTERM); resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the instance gracefully when it runs, then starts it and waits for /readyz. */
  restart(): Promise<void>;
  stop(): Promise<void>;
};

export type Cluster = {
  url: string;
  runDir: string;
  instances: ClusterInstance[];
  nginx: { readonly pid: number | undefined };
  stop(): Promise<void>;
};

export function startCluster(options: {
  databaseUrl: string;
  redisUrl?: string;
  port?: number;
  appPorts?: number[];
  runDir?: string;
  /** The web build nginx serves; default: one built for the cluster's URL in runDir/web. */
  webRoot?: string;
  build?: boolean;
  rebuild?: boolean;
  migrate?: boolean;
  drainMs?: number;
  env?: Record<string, string>;
  log?: (message: string) => void;
  onOutput?: (name: string, text: string) => void;
}): Promise<Cluster>;

export function renderTemplate(text: string, values: Record<string, string>): string;
export function nginxSize(limit: string): string;
export function ensureBuilt(options: {
  apiUrl: string;
  webDir: string;
  rebuild?: boolean;
  log: (message: string) => void;
  env?: NodeJS.ProcessEnv;
}): Promise<void>;
/** Kills the processes a cluster in `runDir` recorded (after its launcher was killed). */
export function stopLeftovers(runDir: string, log?: (message: string) => void): void;
