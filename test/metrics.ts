import { http } from "./http";

// Reads Prometheus' text format from /metrics, for before/after comparisons.
export const METRICS_TOKEN = "test-metrics-token";

export type Scrape = {
  /** Sum of every sample of `name` whose labels include `labels` (0 when none). */
  value: (name: string, labels?: Record<string, string>) => number;
  text: string;
};

const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

export async function scrape(baseUrl?: string): Promise<Scrape> {
  const response = await http<string>("GET", "/metrics", { token: METRICS_TOKEN, baseUrl });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  const text = String(response.body);
  const samples = text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .flatMap((line) => {
      const match = SAMPLE.exec(line);
      if (!match) return [];
      const labels = Object.fromEntries(
        [...(match[2] ?? "").matchAll(LABEL)].map((m) => [m[1], m[2]]),
      );
      return [{ name: match[1], labels, value: Number(match[3]) }];
    });
  return {
    text,
    value: (name, labels = {}) =>
      samples
        .filter(
          (sample) =>
            sample.name === name &&
            Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
        )
        .reduce((sum, sample) => sum + sample.value, 0),
  };
}
