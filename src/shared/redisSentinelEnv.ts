import * as z from "zod";

// REDIS_SENTINELS and REDIS_SENTINEL_NAME as the server's env schema validates them
// (src/shared/env.ts), and the parser src/cache/redisTarget.ts connects with: one reading of
// the variables for both.

/** "host:port,host:port" → [{ host, port }], or the first entry that does not parse. */
export function parseSentinels(value: string) {
  const sentinels: { host: string; port: number }[] = [];
  for (const entry of value.split(",").map((part) => part.trim())) {
    // The host may be a name, an IPv4 address or a bracketed IPv6 one: the port is what follows
    // the last colon.
    const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65_535) return { error: entry || "(an empty entry)" };
    sentinels.push({ host: match[1]!.replace(/^\[|\]$/g, ""), port });
  }
  return { sentinels };
}

export const redisSentinelFields = {
  REDIS_SENTINELS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      // Empty is unset: Docker Compose passes `${REDIS_SENTINELS:-}` through as "".
      const parsed = value ? parseSentinels(value) : null;
      if (parsed?.error) {
        ctx.addIssue({
          code: "custom",
          message: `REDIS_SENTINELS: "${parsed.error}" is not host:port (expected e.g. sentinel-1:26379,sentinel-2:26379)`,
        });
      }
    }),
  REDIS_SENTINEL_NAME: z.string().optional(),
};

/** The checks that span both variables (run on the whole env object). */
export function checkSentinelPair(
  env: { REDIS_SENTINELS?: string | undefined; REDIS_SENTINEL_NAME?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (env.REDIS_SENTINELS && !env.REDIS_SENTINEL_NAME) {
    ctx.addIssue({
      code: "custom",
      path: ["REDIS_SENTINEL_NAME"],
      message:
        "REDIS_SENTINEL_NAME is required with REDIS_SENTINELS: the master name the sentinels monitor (`sentinel monitor <name> …`)",
    });
  }
  if (env.REDIS_SENTINEL_NAME && !env.REDIS_SENTINELS) {
    ctx.addIssue({
      code: "custom",
      path: ["REDIS_SENTINELS"],
      message: "REDIS_SENTINELS is required with REDIS_SENTINEL_NAME: comma-separated host:port",
    });
  }
}
