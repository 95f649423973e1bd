import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import type { Redis } from "ioredis";
import { defineScripts } from "../../cache/scripts";

// An express-rate-limit store whose counts are shared by all instances through Redis, without a
// Redis round trip on every request of a busy client.
//
// Each key counts hits in a fixed window that starts with its first hit (one Redis counter that
// expires with the window, as rate-limit-redis keeps it). An instance takes hits from the shared
// counter in leases: INCRBY n reserves n hits at once, which it then hands out locally. A key
// that is seen rarely leases one hit at a time, which is an exact shared counter; a key that
// used its last lease up within a second leases twice as many next time, up to a sixteenth of
// what is left of its limit (and at most MAX_LEASE). So the limit is never exceeded (every hit
// served was reserved in Redis first), and what instances hold in reserve can only make a client
// that is already hammering the API reach its limit slightly early.
// Once a lease comes back short, the limit is spent: the rest of the window is refused from
// memory, so a flood costs no Redis traffic at all.
// (rate-limit-redis, the usual store, increments by one per request and has no lease.)

const MAX_LEASE = 128;
const HOT_MS = 1000;

type Lease = {
  /** When the window (and with it this lease) ends, in this process's clock. */
  resetAt: number;
  /** Hits counted by all instances before this lease. */
  base: number;
  size: number;
  /** What the limit left of `size` (less than `size` means the limit is spent). */
  granted: number;
  used: number;
  leasedAt: number;
};

type LeaseCommand = (key: string, size: number, ttlMs: number) => Promise<[number, number]>;

export class LeasedRedisStore implements Store {
  private windowMs = 60_000;
  private readonly leases = new Map<string, Lease>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly lease: LeaseCommand;
  localKeys = false;

  constructor(
    private readonly client: Redis,
    readonly prefix: string,
    /** The limit that applies to `key` (leases must not reserve past it). */
    private readonly limitOf: (key: string) => number,
  ) {
    defineScripts(client, ["inkwellRateLease"]);
    this.lease = (client as unknown as Record<string, LeaseCommand>).inkwellRateLease!.bind(client);
    const sweep = setInterval(() => this.sweep(), 60_000);
    sweep.unref();
  }

  init(options: Options) {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    for (;;) {
      const current = this.leases.get(key);
      if (current && current.resetAt > Date.now()) {
        const spent = current.granted < current.size;
        if (current.used < current.granted || spent) {
          current.used++;
          return { totalHits: current.base + current.used, resetTime: new Date(current.resetAt) };
        }
      }
      await this.renew(key);
    }
  }

  /**
   * A hit from the lease this instance already holds, without waiting: the hit (and what it
   * adds up to) when the lease has one left, else null and nothing counted (`increment` then
   * renews the lease, or refuses once the limit is spent).
   */
  takeHeld(key: string): ClientRateLimitInfo | null {
    const current = this.leases.get(key);
    if (!current || current.used >= current.granted || current.resetAt <= Date.now()) return null;
    current.used++;
    return { totalHits: current.base + current.used, resetTime: new Date(current.resetAt) };
  }

  /** One lease request per key at a time; concurrent requests wait for it and share it. */
  private renew(key: string) {
    let running = this.pending.get(key);
    if (!running) {
      running = this.takeLease(key).finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    return running;
  }

  private async takeLease(key: string) {
    const previous = this.leases.get(key);
    const limit = this.limitOf(key);
    const now = Date.now();
    let size = 1;
    if (previous && previous.resetAt > now && now - previous.leasedAt < HOT_MS) {
      const left = limit - (previous.base + previous.used);
      size = Math.max(1, Math.min(previous.size * 2, MAX_LEASE, Math.floor(left / 16)));
    }
    const [total, ttlMs] = await this.lease(`${this.prefix}${key}`, size, this.windowMs);
    const base = total - size;
    const granted = Math.max(0, Math.min(size, limit - base));
    this.leases.set(key, { resetAt: now + ttlMs, base, size, granted, used: 0, leasedAt: now });
  }

  /** A hit given back goes back into this instance's lease (it stays reserved in Redis). */
  async decrement(key: string) {
    const current = this.leases.get(key);
    if (current && current.used > 0) current.used--;
  }

  async resetKey(key: string) {
    this.leases.delete(key);
    await this.client.del(`${this.prefix}${key}`);
  }

  private sweep() {
    const now = Date.now();
    for (const [key, lease] of this.leases) if (lease.resetAt <= now) this.leases.delete(key);
  }
}
