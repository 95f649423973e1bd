import { prisma } from "wasp/server";

// Reading the audit trail back in tests.
export const rowsFor = (where: { action: string; actorId?: number | null; targetId?: string }) =>
  prisma.auditLog.findMany({ where, orderBy: { id: "asc" } });

/** Rows written after the response (web login failures) appear a moment later. */
export async function eventually<T>(read: () => Promise<T[]>, timeoutMs = 3000): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await read();
    if (rows.length > 0 || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
