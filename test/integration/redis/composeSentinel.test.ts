import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

// docker-compose.yml's opt-in Sentinel profile, checked without Docker (no daemon here, and no
// YAML parser among the dependencies): the default stack keeps its one Redis, and the profile
// adds what a failover needs.
const compose = readFileSync("docker-compose.yml", "utf8");
/** The text of each top-level service (two-space indented keys under `services:`). */
const services = Object.fromEntries(
  [
    ...compose
      .slice(compose.indexOf("\nservices:"), compose.indexOf("\nvolumes:"))
      .matchAll(/^ {2}([a-z0-9-]+):\n((?: {4,}.*\n|\n)*)/gm),
  ].map((match) => [match[1]!, match[2]!]),
);
const inProfile = (text: string) =>
  /profiles: \[sentinel\]/.test(text) || /<<: \*sentinel/.test(text);
// In any opt-in profile (this one, or the PostgreSQL standby's `replica`).
const optIn = (text: string) => inProfile(text) || /profiles: \[[a-z-]+\]/.test(text);

describe("Docker Compose, profile sentinel", () => {
  test("When no profile is chosen, then no replica or sentinel runs and nothing depends on one", () => {
    const defaults = Object.keys(services).filter((name) => !optIn(services[name]!));
    expect(defaults.sort()).toEqual(
      ["app1", "app2", "migrate", "nginx", "postgres", "redis"].sort(),
    );
    // Dependencies of every service, the app's anchor included: never a profile's service.
    for (const block of compose.matchAll(/depends_on:\n((?: {6,}.*\n)+)/g)) {
      expect(block[1]).not.toMatch(/redis-(replica|sentinel)|postgres-replica/);
    }
  });

  test("When the profile is on, then a replica of redis and three sentinels (quorum 2) watch it, and the app can be pointed at them", () => {
    const profile = Object.keys(services).filter((name) => inProfile(services[name]!));
    expect(profile.sort()).toEqual(
      ["redis-replica", "redis-sentinel-1", "redis-sentinel-2", "redis-sentinel-3"].sort(),
    );
    expect(services["redis-replica"]).toContain("'replicaof redis 6379'");
    expect(compose).toContain("'sentinel monitor inkwell redis 6379 2'");
    expect(compose).toContain("exec redis-server /data/sentinel.conf --sentinel");
    for (const n of [1, 2, 3]) {
      expect(services[`redis-sentinel-${n}`]).toContain(`SENTINEL_HOSTNAME: redis-sentinel-${n}`);
    }
    // .env.example's values for the profile name these services and this master name.
    const example = readFileSync(".env.example", "utf8");
    expect(example).toContain(
      "REDIS_SENTINELS=redis-sentinel-1:26379,redis-sentinel-2:26379,redis-sentinel-3:26379",
    );
    expect(example).toContain("REDIS_SENTINEL_NAME=inkwell");
    expect(compose).toContain("REDIS_SENTINELS: ${REDIS_SENTINELS:-}");
  });
});
