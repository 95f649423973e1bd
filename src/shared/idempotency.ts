import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";
import { AppError, prismaCode } from "./errors";

// Idempotency-Key support for writes: the first request with a key does the work and stores its
// response in the same transaction; a retry with the same key (and the same request) gets that
// stored response back and writes nothing. Two concurrent requests with one key serialize on
// the key's primary key: the second waits for the first to commit, then replays it.
export type StoredResponse<T> = { status: number; body: T; replayed: boolean };

const KEY = /^[\x21-\x7e]{1,200}$/; // visible ASCII, as for other header-borne identifiers
const RETENTION_MS = 24 * 60 * 60 * 1000;

export function parseIdempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!KEY.test(raw)) {
    throw new AppError("VALIDATION_FAILED", "Invalid Idempotency-Key", [
      { field: "Idempotency-Key", message: "Use 1-200 visible ASCII characters, e.g. a UUID" },
    ]);
  }
  return raw;
}

export const requestHash = (input: unknown) =>
  createHash("sha256").update(JSON.stringify(input)).digest("hex");

export async function idempotent<T>(
  db: PrismaClient,
  scope: { userId: number; key: string; requestHash: string },
  work: (tx: Prisma.TransactionClient) => Promise<{ status: number; body: T }>,
): Promise<StoredResponse<T>> {
  const replay = async () => {
    const stored = await db.idempotencyKey.findUnique({
      where: { userId_key: { userId: scope.userId, key: scope.key } },
    });
    if (!stored) return null;
    if (stored.requestHash !== scope.requestHash) {
      throw new AppError(
        "UNPROCESSABLE",
        "This Idempotency-Key was already used for a different request",
      );
    }
    return { status: stored.status, body: stored.responseBody as T, replayed: true };
  };

  const earlier = await replay();
  if (earlier) return earlier;
  try {
    const fresh = await db.$transaction(async (tx) => {
      const result = await work(tx);
      await tx.idempotencyKey.create({
        data: {
          userId: scope.userId,
          key: scope.key,
          requestHash: scope.requestHash,
          status: result.status,
          responseBody: JSON.parse(JSON.stringify(result.body)) as Prisma.InputJsonValue,
        },
      });
      return result;
    });
    // Old keys are only needed for retries; prune now and then rather than on a schedule.
    if (Math.random() < 0.01) {
      await db.idempotencyKey
        .deleteMany({ where: { createdAt: { lt: new Date(Date.now() - RETENTION_MS) } } })
        .catch(() => {});
    }
    return { ...fresh, replayed: false };
  } catch (error) {
    // A concurrent request with the same key committed first: its write stands, ours rolled back.
    if (prismaCode(error) === "P2002") {
      const winner = await replay();
      if (winner) return winner;
    }
    throw error;
  }
}
