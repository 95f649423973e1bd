// PostgreSQL WAL positions ("16/B374D848": two hex halves of a 64-bit byte offset) as bigints,
// so they compare exactly, and as fixed-width hex for Redis, where a Lua string comparison
// then orders them correctly too (src/cache/scripts.ts, inkwellMaxPosition).

export type Lsn = bigint;

/** Above every real position: "read from the primary" wherever a floor is compared. */
export const PRIMARY_ONLY: Lsn = 2n ** 64n - 1n;

export function parseLsn(text: string): Lsn {
  const [high, low] = text.split("/");
  if (high === undefined || low === undefined) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

export const toStored = (lsn: Lsn) => lsn.toString(16).padStart(16, "0");
export const fromStored = (stored: string): Lsn => BigInt(`0x${stored}`);

export const maxLsn = (a: Lsn | undefined, b: Lsn | undefined) =>
  a === undefined ? b : b === undefined ? a : a > b ? a : b;
