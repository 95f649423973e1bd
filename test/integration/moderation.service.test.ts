import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { createPost, listFeed } from "../../src/posts/posts.service";
import {
  banUser,
  hidePost,
  listAuditEvents,
  restorePost,
  unbanUser,
} from "../../src/moderation/moderation.service";
import { createReport, dismissReport, listOpenReports } from "../../src/moderation/reports.service";
import { asViewer, PASSWORD, signedUpUser, userRow } from "../factories";
import { http, operation } from "../http";

const deps = { db: prisma };
const admin = async () => asViewer(await userRow({ role: "ADMIN", name: "Admin" }));
const postBy = async (author: Parameters<typeof asViewer>[0], title = "A post") =>
  createPost(asViewer(author), { title, content: "Body" }, deps);
const auditRows = (action: string, targetId: number) =>
  prisma.auditLog.findMany({ where: { action, targetId: String(targetId) } });
const sessionsOf = (userId: number) => prisma.session.count({ where: { auth: { userId } } });

describe("moderation service (real PostgreSQL)", () => {
  test("When a non-admin tries every moderation action, then each is refused and nothing changes", async () => {
    const author = await userRow();
    const user = asViewer(await userRow());
    const post = await postBy(author);
    const report = await createReport(user, { postId: post.id, reason: "spam" }, deps);
    const attempts = [
      hidePost(user, { postId: post.id, reason: "x" }, deps),
      restorePost(user, { postId: post.id }, deps),
      banUser(user, { userId: author.id }, deps),
      unbanUser(user, { userId: author.id }, deps),
      dismissReport(user, { reportId: report.id }, deps),
      listOpenReports(user, {}, deps),
      listAuditEvents(user, {}, deps),
    ];
    for (const result of await Promise.allSettled(attempts)) {
      expect(result).toMatchObject({ status: "rejected", reason: { code: "FORBIDDEN" } });
    }
    expect(await prisma.post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({
      hiddenAt: null,
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: author.id } })).toMatchObject({
      bannedAt: null,
    });
    expect(await prisma.report.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({
      resolvedAt: null,
    });
    expect(await auditRows("post.hide", post.id)).toHaveLength(0);
  });

  test("When an admin hides a reported post, then it leaves the public feed, its reports are resolved and the audit names the admin", async () => {
    const moderator = await admin();
    const author = await userRow();
    const post = await postBy(author, "Spammy");
    const reporter = asViewer(await userRow());
    const report = await createReport(reporter, { postId: post.id, reason: "spam" }, deps);

    const result = await hidePost(moderator, { postId: post.id, reason: "Spam" }, deps);
    expect(result).toEqual({ reportsResolved: 1 });

    const feed = await listFeed(null, { limit: 100 }, deps);
    expect(feed.items.map((p) => p.id)).not.toContain(post.id);
    const row = await prisma.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(row).toMatchObject({ resolvedById: moderator.id, resolution: "post hidden" });
    const [entry, ...more] = await auditRows("post.hide", post.id);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ actorId: moderator.id, targetType: "post" });
    expect(entry!.metadata).toMatchObject({ reason: "Spam", reportsResolved: 1 });

    const again = await hidePost(moderator, { postId: post.id, reason: "x" }, deps).catch((e) => e);
    expect(again).toMatchObject({ code: "CONFLICT" });
    await restorePost(moderator, { postId: post.id }, deps);
    const restored = await listFeed(null, { limit: 100 }, deps);
    expect(restored.items.map((p) => p.id)).toContain(post.id);
    expect(await auditRows("post.restore", post.id)).toHaveLength(1);
  });

  test("When an admin bans a user, then their sessions end, refresh tokens are revoked and they can neither post nor log in", async () => {
    const moderator = await admin();
    const user = await signedUpUser("banned");
    const rest = await http("POST", "/api/v1/auth/login", {
      body: { email: user.email, password: PASSWORD },
    });
    expect(rest.status).toBe(200);
    expect(await sessionsOf(user.id)).toBeGreaterThan(0);

    const result = await banUser(moderator, { userId: user.id, reason: "abuse" }, deps);
    expect(result.sessionsEnded).toBeGreaterThan(0);

    expect(await sessionsOf(user.id)).toBe(0);
    expect(await prisma.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(
      0,
    );
    const refreshed = await http("POST", "/api/v1/auth/refresh", {
      body: { refreshToken: rest.body.refreshToken },
    });
    expect(refreshed.status).toBe(401);
    const viaOldSession = await operation(
      "create-post",
      { title: "t", content: "c" },
      user.sessionId,
    );
    expect(viaOldSession.status).toBe(401);
    const banned = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    const direct = await createPost(asViewer(banned), { title: "t", content: "c" }, deps).catch(
      (e) => e,
    );
    expect(direct).toMatchObject({ code: "FORBIDDEN" });
    const login = await http("POST", "/auth/email/login", {
      body: { email: user.email, password: PASSWORD },
    });
    expect(login.status).toBe(403);
    expect(await prisma.post.count({ where: { authorId: user.id } })).toBe(0);
    const [entry] = await auditRows("user.ban", user.id);
    expect(entry).toMatchObject({ actorId: moderator.id });

    await unbanUser(moderator, { userId: user.id }, deps);
    expect(await auditRows("user.unban", user.id)).toHaveLength(1);
    const back = await http("POST", "/auth/email/login", {
      body: { email: user.email, password: PASSWORD },
    });
    expect(back.status).toBe(200);
  });

  test("When an admin tries to ban themselves or another admin, then it is refused and nobody is banned", async () => {
    const moderator = await admin();
    const other = await admin();
    const self = await banUser(moderator, { userId: moderator.id }, deps).catch((e) => e);
    expect(self).toMatchObject({ code: "FORBIDDEN", message: "Admins cannot ban themselves" });
    const peer = await banUser(moderator, { userId: other.id }, deps).catch((e) => e);
    expect(peer).toMatchObject({ code: "FORBIDDEN" });
    expect(
      await prisma.user.count({
        where: { id: { in: [moderator.id, other.id] }, bannedAt: { not: null } },
      }),
    ).toBe(0);
  });

  test("When a user reports a post twice, then one report holds the newer reason and both are audited", async () => {
    const author = await userRow();
    const post = await postBy(author);
    const reporter = asViewer(await userRow());
    const first = await createReport(reporter, { postId: post.id, reason: "spam" }, deps);
    const second = await createReport(reporter, { postId: post.id, reason: "  scam  " }, deps);
    expect(second).toMatchObject({ id: first.id, repeated: true, reason: "scam" });
    expect(await prisma.report.count({ where: { postId: post.id } })).toBe(1);
    const audits = await prisma.auditLog.count({
      where: { action: "report.create", actorId: reporter.id },
    });
    expect(audits).toBe(2);
  });

  test("When an admin dismisses a report, then it leaves the queue, is audited, and a second dismiss is a conflict", async () => {
    const moderator = await admin();
    const post = await postBy(await userRow());
    const reporter = asViewer(await userRow());
    const report = await createReport(reporter, { postId: post.id, reason: "meh" }, deps);
    const queued = await listOpenReports(moderator, { limit: 100 }, deps);
    expect(queued.items.map((r) => r.id)).toContain(report.id);

    await dismissReport(moderator, { reportId: report.id }, deps);
    const after = await listOpenReports(moderator, { limit: 100 }, deps);
    expect(after.items.map((r) => r.id)).not.toContain(report.id);
    expect(await auditRows("report.dismiss", report.id)).toMatchObject([{ actorId: moderator.id }]);
    const again = await dismissReport(moderator, { reportId: report.id }, deps).catch((e) => e);
    expect(again).toMatchObject({ code: "CONFLICT" });
    const events = await listAuditEvents(moderator, { limit: 5 }, deps);
    expect(events.items[0]).toMatchObject({
      action: "report.dismiss",
      actor: { id: moderator.id },
    });
  });

  test("When a report has no reason or names an unknown post, then it is refused and nothing is stored", async () => {
    const reporter = asViewer(await userRow());
    const post = await postBy(await userRow());
    const blank = await createReport(reporter, { postId: post.id, reason: " " }, deps).catch(
      (e) => e,
    );
    expect(blank).toMatchObject({ code: "VALIDATION_FAILED" });
    const missing = await createReport(
      reporter,
      { postId: 2_000_000_000, reason: "x" },
      deps,
    ).catch((e) => e);
    expect(missing).toMatchObject({ code: "NOT_FOUND" });
    expect(await prisma.report.count({ where: { reporterId: reporter.id } })).toBe(0);
  });
});

describe("moderation over HTTP (Wasp operations)", () => {
  test("When a signed-in non-admin calls an admin operation, then 403", async () => {
    const user = await signedUpUser();
    const queue = await operation("get-report-queue", {}, user.sessionId);
    expect(queue.status).toBe(403);
    const ban = await operation("ban-user", { userId: user.id }, user.sessionId);
    expect(ban.status).toBe(403);
  });
});

describe("moderation and cached feeds", () => {
  test("When a post is hidden or restored, then the feed cache is invalidated after the change", async () => {
    const moderator = await admin();
    const post = await postBy(await userRow());
    const seen: (Date | null)[] = [];
    // Records what the database says at the moment of invalidation: it must already be committed.
    const cache = {
      invalidate: async () => {
        const row = await prisma.post.findUniqueOrThrow({ where: { id: post.id } });
        seen.push(row.hiddenAt);
      },
    };
    await hidePost(moderator, { postId: post.id, reason: "spam" }, { db: prisma, cache });
    await restorePost(moderator, { postId: post.id }, { db: prisma, cache });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBeInstanceOf(Date);
    expect(seen[1]).toBeNull();
  });
});
