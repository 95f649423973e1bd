export function loadRealWorldRoutes(): Promise<{
  prefix: string;
  routes: { method: string; path: string; handler: string; access: "public" | "user" }[];
}>;
