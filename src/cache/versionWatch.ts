import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

// Lets each instance keep hot feed pages in its own memory without ever serving one that an
// acknowledged write has made stale, on any instance.
//
// The feed version lives in Redis. A writer bumps it, announces the new version on a channel and
// waits until every subscribed instance has acknowledged it. An instance may only trust what it
// knows while it holds a lease. It renews the lease every `pingMs` the way announcements travel:
// it PUBLISHes a renewal of its own on the main connection and waits for it on its subscriber
// connection. Redis orders all PUBLISHes, and delivers them to a subscriber in that order, so
// receiving its renewal proves that every announcement published before it has been delivered
// first. So an instance trusts its version for `leaseMs` after sending a renewal it received.
// A fault that holds announcements back holds renewals back too: a paused (`CLIENT PAUSE WRITE`),
// stopped or sleeping Redis answers a PING, but runs no PUBLISH, so leases lapse while the
// writer waits (a PING-based lease was renewed through such a pause and served stale pages).
// An instance that is hung or cut off cannot acknowledge, so the writer waits `leaseMs` at most
// after its PUBLISH was answered: by then every lease renewed before the announcement has lapsed.
// A new subscriber connection starts a new epoch: what was learnt before it is dropped, since
// announcements made while disconnected were never delivered.
//
// A version is "<history>:<count>" (scripts.ts): counts are ordered only within one history of
// the Redis master. An announcement from another history replaces what this instance knows
// (announcements reach it in the order its Redis server ran them, so the newer history is the
// one announced last): pages kept under the old history stop matching. A read only raises the
// count within the history known (a late answer from a master that has since been replaced
// must not bring its history back). After a Sentinel failover the subscriber reconnects anyway
// (the old master died, or Sentinel kills its clients when it demotes it), which drops it all.

export type VersionWatchOptions = {
  /** How long a confirmed ping lets this instance trust its version (default 300 ms). */
  leaseMs?: number;
  /** How often the lease is renewed (default 100 ms). */
  pingMs?: number;
  /** Called when an announcement had to wait out the lease (an instance did not acknowledge). */
  onUnacknowledged?: () => void;
};

export interface VersionWatch {
  /** The newest version this instance has learnt, or null while it cannot vouch for it. */
  current(): string | null;
  /** The epoch a read started in: its result may only be remembered if it is still current. */
  epoch(): number;
  /** Records a version read from Redis in `epoch` (reads can be newer than announcements). */
  observe(version: string, epoch: number): void;
  /** Tells every instance about `version`; resolves once all have it or their leases lapsed. */
  announce(version: string): Promise<void>;
  /** Resolves once every lease granted before now, on any instance, has lapsed. */
  outlastLeases(): Promise<void>;
  close(): void;
}

/** The subscriber connection a watch needs: it (re)subscribes itself on each "ready". */
export const subscriberOptions = { autoResubscribe: false } as const;

export function watchVersions(
  client: Redis,
  subscriber: Redis,
  channelPrefix: string,
  { leaseMs = 300, pingMs = 100, onUnacknowledged }: VersionWatchOptions = {},
): VersionWatch {
  const changed = `${channelPrefix}changed`;
  const acks = `${channelPrefix}acks`;
  const self = randomBytes(6).toString("base64url");
  // Each instance renews on a channel of its own: nobody else receives its renewals.
  const renewals = `${channelPrefix}renew:${self}`;
  const sentRenewals = new Map<string, { sentAt: number; epoch: number }>();
  let known: { history: string; count: number } | null = null;
  /** Learns `version`; from another history only when `replace` (an announcement). */
  const learn = (version: string, replace: boolean) => {
    const at = version.lastIndexOf(":");
    const history = version.slice(0, at);
    const count = Number(version.slice(at + 1));
    if (!known || known.history === history) {
      known = { history, count: Math.max(known?.count ?? -1, count) };
    } else if (replace) known = { history, count };
  };
  let trustedUntil = 0;
  let currentEpoch = 0;
  let subscribed = false;
  let sequence = 0;
  const waiting = new Map<string, { acked: number; needed: number | null; done: () => void }>();

  const forget = () => {
    currentEpoch++;
    subscribed = false;
    trustedUntil = 0;
    known = null;
  };
  const subscribe = () => {
    forget();
    const epoch = currentEpoch;
    subscriber
      .subscribe(changed, acks, renewals)
      .then(() => {
        if (epoch !== currentEpoch) return;
        // A new epoch: a read issued before the subscription was live may predate a missed
        // announcement, so its version must not be trusted.
        currentEpoch++;
        subscribed = true;
      })
      .catch(() => {});
  };
  subscriber.on("close", forget);
  subscriber.on("ready", subscribe);
  if (subscriber.status === "ready") subscribe();

  subscriber.on("message", (channel: string, message: string) => {
    if (channel === renewals) {
      const renewal = sentRenewals.get(message);
      sentRenewals.delete(message);
      if (renewal && renewal.epoch === currentEpoch) {
        trustedUntil = Math.max(trustedUntil, renewal.sentAt + leaseMs);
      }
      return;
    }
    if (channel === changed) {
      const [version, nonce] = message.split(" ");
      if (version) learn(version, true);
      // Acknowledged only after the version is applied: the writer may answer its client now.
      client.publish(acks, nonce ?? "").catch(() => {});
      return;
    }
    const waiter = waiting.get(message);
    if (!waiter) return;
    waiter.acked++;
    if (waiter.needed !== null && waiter.acked >= waiter.needed) waiter.done();
  });

  let renewal = 0;
  const renew = () => {
    if (!subscribed) return;
    const now = performance.now();
    // Renewals that could only extend a lapsed lease are not waited for any longer.
    for (const [id, sent] of sentRenewals) if (sent.sentAt + leaseMs < now) sentRenewals.delete(id);
    const id = String(++renewal);
    sentRenewals.set(id, { sentAt: now, epoch: currentEpoch });
    client.publish(renewals, id).catch(() => sentRenewals.delete(id));
  };
  const timer = setInterval(renew, pingMs);
  timer.unref();

  return {
    current: () =>
      // "" while trusted but nothing learnt yet: it matches no page.
      subscribed && performance.now() < trustedUntil
        ? known
          ? `${known.history}:${known.count}`
          : ""
        : null,
    epoch: () => currentEpoch,
    observe(version, epoch) {
      if (epoch === currentEpoch && subscribed) learn(version, false);
    },
    async announce(version) {
      learn(version, true);
      const nonce = `${self}:${++sequence}`;
      let done!: () => void;
      const acknowledged = new Promise<void>((resolve) => (done = resolve));
      const waiter = { acked: 0, needed: null as number | null, done };
      waiting.set(nonce, waiter);
      try {
        // PUBLISH answers with the number of subscribers it reached: each owes an ack.
        waiter.needed = await client.publish(changed, `${version} ${nonce}`);
        if (waiter.acked >= waiter.needed) return;
        // Counted from the PUBLISH reply: any lease that predates the announcement ends sooner.
        let timeout: NodeJS.Timeout | undefined;
        const leaseOver = new Promise<"lease over">(
          (resolve) => (timeout = setTimeout(() => resolve("lease over"), leaseMs)),
        );
        if ((await Promise.race([acknowledged, leaseOver])) === "lease over") onUnacknowledged?.();
        clearTimeout(timeout);
      } finally {
        waiting.delete(nonce);
      }
    },
    outlastLeases: () => new Promise((resolve) => setTimeout(resolve, leaseMs)),
    close() {
      clearInterval(timer);
      forget();
    },
  };
}
