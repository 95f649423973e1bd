import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import { prisma } from "wasp/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiUser, PASSWORD, postRow, signedUpUser, uniqueEmail } from "../../factories";
import { http, httpAt, operation } from "../../http";
import { startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { serverTestEnv, TEST_DATABASE_URL } from "../../setup/testEnv";

// Two writes to one record at once: each request must get a 2xx or a 4xx that says what
// happened (404 gone, 409 conflict), never a 500 from the loser of the race, and the invariants
// (at least one admin) must hold whichever request wins. Each pair is fired ROUNDS times.
const ROUNDS = 10;

/** The two statuses of a pair, sorted, e.g. "204 404". */
const pairOf = (...responses: { status: number }[]) =>
  responses
    .map((response) => response.status)
    .sort()
    .join(" ");

async function rounds(work: () => Promise<string>) {
  const outcomes: string[] = [];
  for (let round = 0; round < ROUNDS; round++) outcomes.push(await work());
  return outcomes;
}

/** Every outcome that does not match: [] when all rounds went well, else the culprits. */
const unexpected = (outcomes: string[], expected: RegExp) =>
  outcomes.filter((outcome) => !expected.test(outcome));

describe("concurrent writes to one post", () => {
  test("When two DELETEs of one post arrive at once, then one answers 204 and the other 404, never 500", async () => {
    const author = await apiUser("racer");
    const outcomes = await rounds(async () => {
      const post = await postRow(author.id);
      const remove = () =>
        http("DELETE", `/api/v1/posts/${post.id}`, { token: author.accessToken });
      return pairOf(...(await Promise.all([remove(), remove()])));
    });
    expect(outcomes).toEqual(Array(ROUNDS).fill("204 404"));
  });

  test("When a PUT and a DELETE of one post arrive at once, then the PUT answers 200 or 404, the DELETE 204, and the post is gone", async () => {
    const author = await apiUser("racer");
    const outcomes = await rounds(async () => {
      const post = await postRow(author.id);
      const path = `/api/v1/posts/${post.id}`;
      const [edit, remove] = await Promise.all([
        http("PUT", path, { token: author.accessToken, body: { title: "Edited" } }),
        http("DELETE", path, { token: author.accessToken }),
      ]);
      expect(await prisma.post.count({ where: { id: post.id } })).toBe(0);
      return `PUT ${edit.status}, DELETE ${remove.status}`;
    });
    expect(unexpected(outcomes, /^PUT (200|404), DELETE 204$/)).toEqual([]);
  });

  test("When the web app deletes one post twice at once, then one call succeeds and the other answers 404", async () => {
    const author = await signedUpUser("webracer");
    const outcomes = await rounds(async () => {
      const post = await postRow(author.id);
      const remove = () => operation("delete-post", { id: post.id }, author.sessionId);
      return pairOf(...(await Promise.all([remove(), remove()])));
    });
    expect(outcomes).toEqual(Array(ROUNDS).fill("200 404"));
  });

  test("When the web app edits and deletes one post at once, then the edit answers 200 or 404, the delete 200, and the post is gone", async () => {
    const author = await signedUpUser("webracer");
    const outcomes = await rounds(async () => {
      const post = await postRow(author.id);
      const [edit, remove] = await Promise.all([
        operation("update-post", { id: post.id, title: "Edited" }, author.sessionId),
        operation("delete-post", { id: post.id }, author.sessionId),
      ]);
      expect(await prisma.post.count({ where: { id: post.id } })).toBe(0);
      return `edit ${edit.status}, delete ${remove.status}`;
    });
    expect(unexpected(outcomes, /^edit (200|404), delete 200$/)).toEqual([]);
  });
});

describe("concurrent moderation of one post", () => {
  async function webAdmin(label: string) {
    const user = await signedUpUser(label);
    await prisma.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
    return user;
  }

  test("When two admins hide one post at once, then one hides it, the other answers 409, and one hide is audited", async () => {
    const [first, second] = [await webAdmin("hider"), await webAdmin("hider")];
    const author = await apiUser("hidden");
    const outcomes = await rounds(async () => {
      const post = await postRow(author.id);
      const hide = (admin: { sessionId: string }) =>
        operation("hide-post", { postId: post.id, reason: "spam" }, admin.sessionId);
      const pair = pairOf(...(await Promise.all([hide(first), hide(second)])));
      const audited = await prisma.auditLog.count({
        where: { action: "post.hide", targetId: String(post.id) },
      });
      return `${pair}, audited ${audited}`;
    });
    expect(outcomes).toEqual(Array(ROUNDS).fill("200 409, audited 1"));
  });

  test("When a post is reported while its author deletes it, then the report answers 200 or 404, never 500", async () => {
    const author = await apiUser("reported");
    const reporter = await signedUpUser("reporter");
    const outcomes = await rounds(async () => {
      const post = await postRow(author.id);
      const [report, remove] = await Promise.all([
        operation("create-report", { postId: post.id, reason: "spam" }, reporter.sessionId),
        http("DELETE", `/api/v1/posts/${post.id}`, { token: author.accessToken }),
      ]);
      return `report ${report.status}, delete ${remove.status}`;
    });
    expect(unexpected(outcomes, /^report (200|404), delete 204$/)).toEqual([]);
  });
});

describe("concurrent deletion of one account", () => {
  test("When a user deletes their own account twice at once, then one answers 204 and the other 404 (401 once the account is gone), never 500", async () => {
    const outcomes = await rounds(async () => {
      const user = await apiUser("leaver");
      const remove = () => http("DELETE", `/api/v1/users/${user.id}`, { token: user.accessToken });
      const pair = pairOf(...(await Promise.all([remove(), remove()])));
      expect(await prisma.user.count({ where: { id: user.id } })).toBe(0);
      return pair;
    });
    // A second request that is authenticated only after the first one committed finds no
    // account behind its token: 401 is the right answer for it, and no race at all.
    expect(unexpected(outcomes, /^204 40[14]$/)).toEqual([]);
    expect(outcomes).toContain("204 404");
  });
});

// "The only two admins" needs a database where no other test makes admins: a scratch database
// and a server of its own, both dropped at the end. "Refused with 409" is the answer whenever
// both requests were in flight together; see expectOneWinner for the 401/403 of a late one.
describe("the last admin, when two admins act at once", () => {
  const scratch = `inkwell_admins_${randomUUID().slice(0, 8)}`;
  const scratchUrl = (() => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${scratch}`;
    return url.toString();
  })();
  const maintenance = new pg.Client({
    connectionString: Object.assign(new URL(TEST_DATABASE_URL), { pathname: "/postgres" }).href,
  });
  const db = new pg.Client({ connectionString: scratchUrl });
  let server: AppServer;

  beforeAll(async () => {
    await maintenance.connect();
    await maintenance.query(`CREATE DATABASE ${scratch}`);
    await promisify(execFile)("npx", ["prisma", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: scratchUrl },
    });
    await db.connect();
    server = await startApp({
      env: {
        ...serverTestEnv,
        DATABASE_URL: scratchUrl,
        REDIS_PREFIX: `${serverTestEnv.REDIS_PREFIX}${scratch}:`,
      },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await db.end().catch(() => {});
    await maintenance.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await maintenance.end();
  });

  const admins = async () =>
    (await db.query<{ id: number }>(`SELECT id FROM "User" WHERE role = 'ADMIN'`)).rows.map(
      (row) => row.id,
    );

  /** Two fresh REST users who are then the only admins of the scratch database. */
  async function onlyTwoAdmins() {
    const a = await apiUser("admin-a", { baseUrl: server.url });
    const b = await apiUser("admin-b", { baseUrl: server.url });
    await db.query(`UPDATE "User" SET role = 'USER' WHERE role = 'ADMIN'`);
    await db.query(`UPDATE "User" SET role = 'ADMIN' WHERE id = ANY($1)`, [[a.id, b.id]]);
    return [a, b] as const;
  }

  /** The same, signed in to the web app (a Wasp session) instead of holding REST tokens. */
  async function onlyTwoWebAdmins() {
    const signIn = async (label: string) => {
      const email = uniqueEmail(label);
      const body = { email, password: PASSWORD, name: `${label} name` };
      expect((await httpAt(server.url, "POST", "/auth/email/signup", { body })).status).toBe(200);
      const login = await httpAt<{ sessionId: string }>(server.url, "POST", "/auth/email/login", {
        body: { email, password: PASSWORD },
      });
      const { rows } = await db.query<{ id: number }>(`SELECT id FROM "User" WHERE email = $1`, [
        email,
      ]);
      return { id: rows[0]!.id, sessionId: login.body.sessionId };
    };
    const [a, b] = [await signIn("web-admin-a"), await signIn("web-admin-b")];
    await db.query(`UPDATE "User" SET role = 'USER' WHERE role = 'ADMIN'`);
    await db.query(`UPDATE "User" SET role = 'ADMIN' WHERE id = ANY($1)`, [[a.id, b.id]]);
    return [a, b] as const;
  }

  const rest = (method: string, path: string, token: string, body?: unknown) =>
    httpAt(server.url, method, path, { token, body });
  const webOperation = (name: string, args: unknown, sessionId: string) =>
    httpAt(server.url, "POST", `/operations/${name}`, { token: sessionId, body: { json: args } });

  /**
   * Asserts one winner (`ok`) and one refusal every round, with an admin left. The loser answers
   * 409 "The last admin cannot be …" when both requests passed authentication before either
   * committed (the race this guards). One authenticated only after the winner committed is no
   * admin any more (403) or has no account left (401). At least one round must be a true race.
   */
  async function expectOneWinner(
    ok: number,
    race: () => Promise<{ status: number; body: unknown }[]>,
  ) {
    const outcomes = await rounds(async () => {
      const answers = await race();
      const conflict = answers.find((answer) => answer.status === 409)?.body as
        { detail?: string; message?: string } | undefined;
      // A 409 for any other reason than the last admin shows up with its body.
      const text = conflict ? (conflict.detail ?? conflict.message ?? "") : "";
      const odd = conflict && !/^The last admin cannot be/.test(text) ? ` ${text}` : "";
      return `${pairOf(...answers)}${odd}, ${(await admins()).length} admin left`;
    });
    expect(unexpected(outcomes, new RegExp(`^${ok} 40[139], 1 admin left$`))).toEqual([]);
    expect(outcomes).toContain(`${ok} 409, 1 admin left`);
  }

  test("When the only two admins delete each other at once, then exactly one succeeds, the other is refused with 409, and one admin is left", async () => {
    await expectOneWinner(204, async () => {
      const [a, b] = await onlyTwoAdmins();
      return Promise.all([
        rest("DELETE", `/api/v1/users/${b.id}`, a.accessToken),
        rest("DELETE", `/api/v1/users/${a.id}`, b.accessToken),
      ]);
    });
  });

  test("When the only two admins delete themselves at once, then exactly one succeeds, the other is refused with 409, and one admin is left", async () => {
    await expectOneWinner(204, async () => {
      const [a, b] = await onlyTwoAdmins();
      return Promise.all([
        rest("DELETE", `/api/v1/users/${a.id}`, a.accessToken),
        rest("DELETE", `/api/v1/users/${b.id}`, b.accessToken),
      ]);
    });
  });

  test("When the only two admins demote each other at once, then exactly one succeeds, the other is refused with 409, and one admin is left", async () => {
    await expectOneWinner(200, async () => {
      const [a, b] = await onlyTwoAdmins();
      return Promise.all([
        rest("PUT", `/api/v1/users/${b.id}`, a.accessToken, { role: "USER" }),
        rest("PUT", `/api/v1/users/${a.id}`, b.accessToken, { role: "USER" }),
      ]);
    });
  });

  test("When one of the only two admins deletes the other while being demoted by them, then exactly one succeeds, the other is refused, and one admin is left", async () => {
    const outcomes = await rounds(async () => {
      const [a, b] = await onlyTwoAdmins();
      const [remove, demote] = await Promise.all([
        rest("DELETE", `/api/v1/users/${b.id}`, a.accessToken),
        rest("PUT", `/api/v1/users/${a.id}`, b.accessToken, { role: "USER" }),
      ]);
      return `DELETE ${remove.status}, PUT ${demote.status}, ${(await admins()).length} admin left`;
    });
    const expected = /^(DELETE 204, PUT 40[139]|DELETE 40[139], PUT 200), 1 admin left$/;
    expect(unexpected(outcomes, expected)).toEqual([]);
    expect(outcomes.some((outcome) => outcome.includes("409"))).toBe(true);
  });

  test("When the only two admins demote each other at once in the web app, then exactly one succeeds, the other is refused with 409, and one admin is left", async () => {
    await expectOneWinner(200, async () => {
      const [a, b] = await onlyTwoWebAdmins();
      return Promise.all([
        webOperation("update-user", { id: b.id, role: "USER" }, a.sessionId),
        webOperation("update-user", { id: a.id, role: "USER" }, b.sessionId),
      ]);
    });
  });
});
