import { expect, test } from "vitest";
import { decodeCursor, encodeCursor, pageQuery } from "./cursor";

// The cursor's `where` fragment: exact (the OR with its id tie-break) and bounded (the plain
// createdAt comparison PostgreSQL can start an index scan at; see queryPlans.test.ts).
const at = new Date("2026-03-01T10:00:00.001Z");
const cursor = encodeCursor({ createdAt: at, id: 42 });

test("When a cursor is encoded and decoded, then the same position comes back", () => {
  expect(decodeCursor(cursor)).toEqual({ createdAt: at, id: 42 });
});

test("When paging newest first after a cursor, then rows at or before its time are bounded and ties go by smaller id", () => {
  expect(pageQuery({ authorId: 7 }, cursor, 20)).toEqual({
    where: {
      AND: [
        { authorId: 7 },
        {
          createdAt: { lte: at },
          OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: 42 } }],
        },
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 21,
  });
});

test("When paging oldest first after a cursor, then rows at or after its time are bounded and ties go by larger id", () => {
  expect(pageQuery({ postId: 3 }, cursor, 10, "oldest")).toEqual({
    where: {
      AND: [
        { postId: 3 },
        {
          createdAt: { gte: at },
          OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: 42 } }],
        },
      ],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 11,
  });
});

test("When there is no cursor, then the page starts at the first row", () => {
  expect(pageQuery({}, undefined, 5).where).toEqual({ AND: [{}, {}] });
});

test("When a list's own filter has an OR, then the cursor's is joined beside it, not merged into it", () => {
  const search = { OR: [{ title: "a" }, { content: "a" }] };
  const { where } = pageQuery(search, cursor, 5);
  expect(where.AND[0]).toBe(search);
  expect(where.AND[1]).toHaveProperty("OR");
});
