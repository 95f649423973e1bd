import { AppError } from "./errors";

// Lists are ordered by (createdAt desc, id desc). A cursor names the last row a page showed,
// so the next page starts strictly after it: rows inserted meanwhile land before the first
// page and never shift later pages (no duplicates, no gaps).
export type Position = { createdAt: Date; id: number };

export function encodeCursor({ createdAt, id }: Position): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): Position {
  const [iso, rawId] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  const id = Number(rawId);
  // Both halves reach a query: the id must fit the Int column and the time PostgreSQL's range.
  const year = createdAt.getUTCFullYear();
  if (Number.isNaN(year) || year < 1 || year > 9999) throw invalidCursor();
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw invalidCursor();
  return { createdAt, id };
}

function invalidCursor() {
  return new AppError("VALIDATION_FAILED", "Invalid cursor", [
    { field: "cursor", message: "Invalid cursor" },
  ]);
}

export type Order = "newest" | "oldest";

/**
 * The Prisma `where` fragment for "strictly after this position" in (createdAt, id) order.
 * The OR alone is exact but no bound PostgreSQL can put on an index scan: it would walk the
 * (createdAt, id) index from the first row and filter its way down to the cursor, a cost that
 * grows with the page's depth. The redundant `createdAt <= c` (`>=` oldest first) is an Index
 * Cond, so the walk starts at the cursor and the OR only discards the rows that tie with it.
 */
function after(cursor: string | undefined, order: Order) {
  if (!cursor) return {};
  const { createdAt, id } = decodeCursor(cursor);
  const [beyond, reach] = order === "newest" ? (["lt", "lte"] as const) : (["gt", "gte"] as const);
  return {
    createdAt: { [reach]: createdAt },
    OR: [{ createdAt: { [beyond]: createdAt } }, { createdAt, id: { [beyond]: id } }],
  };
}

/**
 * `findMany` arguments for one page of the rows matching `where`: newest (or oldest) first, strictly after
 * `cursor`, one row more than `limit` (it tells whether another page exists). The two filters
 * are joined with AND, never merged: a search's own OR would otherwise replace the cursor's.
 */
export function pageQuery<W extends object>(
  where: W,
  cursor: string | undefined,
  limit: number,
  order: Order = "newest",
) {
  const direction = order === "newest" ? ("desc" as const) : ("asc" as const);
  return {
    where: { AND: [where, after(cursor, order)] },
    orderBy: [{ createdAt: direction }, { id: direction }],
    take: limit + 1,
  };
}

/** Cuts the one extra row a query fetched and derives the next cursor from the page's last row. */
export function toPage<T extends Position>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
