import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { http, operation } from "../http";
import { PASSWORD, signedUpUser, uniqueUsername } from "../factories";

type WireError = {
  message?: string;
  data?: { fieldErrors?: { field: string; message: string }[] };
};
const fieldErrors = (body: unknown) => (body as WireError).data?.fieldErrors ?? [];

const sessionsOf = (userId: number) =>
  prisma.session.findMany({ where: { auth: { userId } }, select: { id: true } });

/** A second browser signing in to the same account: another Wasp session. */
async function secondSession(email: string) {
  const login = await http<{ sessionId: string }>("POST", "/auth/email/login", {
    body: { email, password: PASSWORD },
  });
  expect(login.status).toBe(200);
  return login.body.sessionId;
}

// The settings page's operations go through the account and password services, as RealWorld's
// PUT /api/user and /api/v1's password change do, and keep the browser session that asks.
describe("settings operations over HTTP", () => {
  test("When a user reads and changes their account, then the change is stored and returned", async () => {
    const user = await signedUpUser("settings");
    const read = await operation("get-account", {}, user.sessionId);
    expect(read).toMatchObject({
      status: 200,
      data: { id: user.id, email: user.email, username: user.username },
    });
    expect(typeof read.data.emailChangeNeedsVerification).toBe("boolean");

    const username = uniqueUsername("renamed");
    const changes = {
      username,
      name: " New Name ",
      bio: "Writes about tea.",
      image: "https://example.com/me.png",
    };
    const saved = await operation("update-account", changes, user.sessionId);
    expect(saved).toMatchObject({
      status: 200,
      data: {
        username,
        name: "New Name",
        bio: "Writes about tea.",
        image: "https://example.com/me.png",
      },
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      username,
      name: "New Name",
    });
  });

  test("When the username belongs to someone else, then a username field error and nothing changes", async () => {
    const user = await signedUpUser("taker");
    const other = await signedUpUser("holder");
    const refused = await operation(
      "update-account",
      { username: other.username, bio: "new bio" },
      user.sessionId,
    );
    expect(refused.status).toBe(409);
    expect(fieldErrors(refused.body)).toContainEqual({
      field: "username",
      message: "This username is taken",
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      username: user.username,
      bio: null,
    });
  });

  test("When the avatar is not an http(s) URL, then an image field error", async () => {
    const user = await signedUpUser("avatar");
    const refused = await operation(
      "update-account",
      { image: "javascript:alert(1)" },
      user.sessionId,
    );
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body).map((e) => e.field)).toContain("image");
  });

  test("When nobody is signed in, then every settings operation answers 401", async () => {
    expect((await operation("get-account", {})).status).toBe(401);
    expect((await operation("update-account", { bio: "x" })).status).toBe(401);
    const change = { currentPassword: PASSWORD, newPassword: "another pass 99" };
    expect((await operation("change-password", change)).status).toBe(401);
  });

  test("When the current password is wrong, then a currentPassword field error and no session ends", async () => {
    const user = await signedUpUser("wrongpass");
    const other = await secondSession(user.email);
    const refused = await operation(
      "change-password",
      { currentPassword: "not my password", newPassword: "another pass 99" },
      user.sessionId,
    );
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body)).toContainEqual({
      field: "currentPassword",
      message: "The current password is wrong",
    });
    expect((await sessionsOf(user.id)).map((s) => s.id).sort()).toEqual(
      [user.sessionId, other].sort(),
    );
  });

  test("When the password changes, then the other sessions end and this one stays signed in", async () => {
    const user = await signedUpUser("changer");
    const other = await secondSession(user.email);
    const changed = await operation(
      "change-password",
      { currentPassword: PASSWORD, newPassword: "another pass 99" },
      user.sessionId,
    );
    expect(changed).toMatchObject({ status: 200, data: { sessionsEnded: 1 } });
    expect((await sessionsOf(user.id)).map((s) => s.id)).toEqual([user.sessionId]);
    expect((await operation("get-account", {}, user.sessionId)).status).toBe(200);
    expect((await operation("get-account", {}, other)).status).toBe(401);
    const oldLogin = await http("POST", "/auth/email/login", {
      body: { email: user.email, password: PASSWORD },
    });
    expect(oldLogin.status).not.toBe(200);
  });
});
