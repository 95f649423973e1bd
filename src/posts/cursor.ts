import { AppError } from "../shared/errors";

// The feed is ordered by (createdAt desc, id desc). A cursor names the last row a page
// showed, so the next page starts strictly after it: rows inserted meanwhile land before
// the first page and never shift later pages (no duplicates, no gaps).
export type FeedPosition = { createdAt: Date; id: number };

export function encodeCursor({ createdAt, id }: FeedPosition): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): FeedPosition {
  const [iso, rawId] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  const id = Number(rawId);
  if (Number.isNaN(createdAt.getTime()) || !Number.isSafeInteger(id) || id < 1) {
    throw new AppError("VALIDATION_FAILED", "Invalid cursor", [
      { field: "cursor", message: "Invalid cursor" },
    ]);
  }
  return { createdAt, id };
}
