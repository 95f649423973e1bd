import jwt from "jsonwebtoken";
import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { rowsFor } from "../../audit";
import { PASSWORD, uniqueEmail, uniqueUsername } from "../../factories";
import { http } from "../../http";
import { rw, rwUser } from "../../realworld";

// Sign-up, login and one's own account through the RealWorld door: its envelopes, its words for
// errors, and one account shared with the other doors.

const USER_KEYS = ["bio", "email", "image", "token", "username"];
const register = (user: Record<string, unknown>) => rw("POST", "/users", { body: { user } });
const login = (email: string, password = PASSWORD) =>
  rw("POST", "/users/login", { body: { user: { email, password } } });
const update = (token: string, user: Record<string, unknown>) =>
  rw("PUT", "/user", { token, body: { user } });

describe("POST /api/users", () => {
  test("When someone registers, then 201 with exactly the spec's user, a working token and an audit row", async () => {
    const username = uniqueUsername("signup");
    const email = uniqueEmail("signup");
    const response = await register({ username, email, password: PASSWORD });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body.user).sort()).toEqual(USER_KEYS);
    expect(response.body.user).toMatchObject({ username, email, bio: null, image: null });
    const me = await rw("GET", "/user", { token: response.body.user.token });
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe(username);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe(username);
    expect(await rowsFor({ action: "auth.register", actorId: user.id })).toHaveLength(1);
  });

  test("When a required field is missing, null or empty, then 422 says it can't be blank, under RealWorld's name, and no account is made", async () => {
    const email = uniqueEmail("blank");
    const username = uniqueUsername("blank");
    const cases: [Record<string, unknown>, string][] = [
      [{ username: "", email, password: PASSWORD }, "username"],
      [{ email, password: PASSWORD }, "username"],
      [{ username, email: "", password: PASSWORD }, "email"],
      [{ username, email: null, password: PASSWORD }, "email"],
      [{ username, email, password: "" }, "password"],
      [{ username, email, password: "   " }, "password"],
    ];
    for (const [user, field] of cases) {
      const response = await register(user);
      expect(response.status, JSON.stringify(user)).toBe(422);
      expect(response.body).toEqual({ errors: { [field]: ["can't be blank"] } });
    }
    const all = await register({});
    expect(all.status).toBe(422);
    expect(Object.keys(all.body.errors).sort()).toEqual(["email", "password", "username"]);
    const noEnvelope = await rw("POST", "/users", {
      body: { username, email, password: PASSWORD },
    });
    expect(noEnvelope.status).toBe(422);
    expect(noEnvelope.body).toEqual({ errors: { user: ["can't be blank"] } });
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  test("When a value is given but invalid, then 422 carries the service's own message", async () => {
    const response = await register({
      username: "no spaces allowed",
      email: "not-an-address",
      password: "short",
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual({
      username: ["Username may use only letters, digits, _ and -"],
      email: ["Enter a valid email address"],
      password: ["Password must be at least 8 characters"],
    });
  });

  test("When the username (in any case) or the email is taken, then 409 says which has already been taken", async () => {
    const first = await rwUser("taken");
    const sameName = await register({
      username: first.username.toUpperCase(),
      email: uniqueEmail("other"),
      password: PASSWORD,
    });
    expect(sameName.status).toBe(409);
    expect(sameName.body).toEqual({ errors: { username: ["has already been taken"] } });
    const sameEmail = await register({
      username: uniqueUsername("other"),
      email: first.email.toUpperCase(),
      password: PASSWORD,
    });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body).toEqual({ errors: { email: ["has already been taken"] } });
  });

  test("When the sign-up carries fields the spec does not know, then they are ignored", async () => {
    const username = uniqueUsername("extra");
    const response = await register({
      username,
      email: uniqueEmail("extra"),
      password: PASSWORD,
      role: "ADMIN",
      bio: "set at sign-up",
    });
    expect(response.status).toBe(201);
    const user = await prisma.user.findUniqueOrThrow({ where: { username } });
    expect(user.role).toBe("USER");
    expect(user.bio).toBeNull();
  });
});

describe("POST /api/users/login", () => {
  test("When the password is right, then 200 with the user and a new token for this door's longer lifetime", async () => {
    const user = await rwUser("login");
    const response = await login(user.email.toUpperCase());
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.user).sort()).toEqual(USER_KEYS);
    expect(response.body.user).toMatchObject({ username: user.username, email: user.email });
    expect(response.body.user.token).not.toBe(user.token);
    const claims = jwt.decode(response.body.user.token) as jwt.JwtPayload;
    expect(claims.exp! - claims.iat!).toBe(30 * 24 * 60 * 60);
  });

  test("When the password is wrong or the email unknown, then the same 401 credentials invalid", async () => {
    const user = await rwUser("badlogin");
    for (const response of [
      await login(user.email, "wrong password 1"),
      await login(uniqueEmail("nobody")),
    ]) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ errors: { credentials: ["invalid"] } });
    }
  });

  test("When email or password is blank, then 422 can't be blank", async () => {
    const noEmail = await login("");
    expect(noEmail.status).toBe(422);
    expect(noEmail.body).toEqual({ errors: { email: ["can't be blank"] } });
    const noPassword = await login(uniqueEmail("x"), "");
    expect(noPassword.status).toBe(422);
    expect(noPassword.body).toEqual({ errors: { password: ["can't be blank"] } });
  });

  test("When an account made at another door logs in here, then it is the same account", async () => {
    const email = uniqueEmail("v1user");
    const v1 = await http("POST", "/api/v1/auth/register", {
      body: { email, name: "Made at v1", password: PASSWORD },
    });
    expect(v1.status).toBe(201);
    const response = await login(email);
    expect(response.status).toBe(200);
    expect(response.body.user.username).toBe(v1.body.user.username);
  });

  test("When a banned user logs in with the right password, then 403 and no token", async () => {
    const user = await rwUser("banned");
    await prisma.user.update({ where: { email: user.email }, data: { bannedAt: new Date() } });
    const response = await login(user.email);
    expect(response.status).toBe(403);
    expect(response.body.errors).toEqual({ request: ["This account is suspended"] });
  });
});

describe("GET /api/user", () => {
  test("When a token is presented (Token or Bearer), then the user comes back with that very token", async () => {
    const user = await rwUser("me");
    const response = await rw("GET", "/user", { token: user.token });
    expect(response.status).toBe(200);
    expect(response.body.user).toEqual({
      email: user.email,
      token: user.token,
      username: user.username,
      bio: null,
      image: null,
    });
    const bearer = await rw("GET", "/user", { headers: { authorization: `Bearer ${user.token}` } });
    expect(bearer.status).toBe(200);
    expect(bearer.body.user.token).toBe(user.token);
  });

  test("When no token is sent, then 401 token is missing", async () => {
    const response = await rw("GET", "/user");
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ errors: { token: ["is missing"] } });
    expect(response.headers.get("www-authenticate")).toBe('Token realm="inkwell"');
  });
});

describe("PUT /api/user", () => {
  test("When bio and image are set, emptied or nulled, then each change is kept, and empty means none", async () => {
    const user = await rwUser("profile");
    const steps: [Record<string, unknown>, { bio: string | null; image: string | null }][] = [
      [{ bio: "Writes about dragons" }, { bio: "Writes about dragons", image: null }],
      [
        { image: "https://example.com/me.jpg" },
        { bio: "Writes about dragons", image: "https://example.com/me.jpg" },
      ],
      [{ bio: "" }, { bio: null, image: "https://example.com/me.jpg" }],
      [{ image: "" }, { bio: null, image: null }],
      [
        { bio: "Back", image: "https://example.com/2.png" },
        { bio: "Back", image: "https://example.com/2.png" },
      ],
      [
        { bio: null, image: null },
        { bio: null, image: null },
      ],
    ];
    for (const [change, expected] of steps) {
      const response = await update(user.token, change);
      expect(response.status, JSON.stringify(change)).toBe(200);
      expect(response.body.user).toMatchObject({ ...expected, token: user.token });
      const me = await rw("GET", "/user", { token: user.token });
      expect(me.body.user).toMatchObject(expected);
    }
  });

  test("When the username and email change, then both stick, the new email logs in, the old one no longer does", async () => {
    const user = await rwUser("rename");
    const username = uniqueUsername("renamed");
    const email = uniqueEmail("renamed");
    const response = await update(user.token, { username, email, bio: "New me" });
    expect(response.status).toBe(200);
    expect(response.body.user).toEqual({
      email,
      token: user.token,
      username,
      bio: "New me",
      image: null,
    });
    const me = await rw("GET", "/user", { token: user.token });
    expect(me.body.user).toMatchObject({ username, email });
    const identity = await prisma.authIdentity.findFirstOrThrow({
      where: { providerName: "email", auth: { user: { username } } },
    });
    expect(identity.providerUserId).toBe(email);
    expect((await login(email)).status).toBe(200);
    expect((await login(user.email)).status).toBe(401);
    const profile = await rw("GET", `/profiles/${username}`);
    expect(profile.body.profile.bio).toBe("New me");
    const row = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(await rowsFor({ action: "auth.email_change", actorId: row.id })).toHaveLength(1);
  });

  test("When email, username or password is empty or null, or a value invalid, then 422 and nothing changes", async () => {
    const user = await rwUser("badupdate");
    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ email: "" }, { email: ["can't be blank"] }],
      [{ email: null }, { email: ["can't be blank"] }],
      [{ username: "" }, { username: ["can't be blank"] }],
      [{ username: null }, { username: ["can't be blank"] }],
      [{ password: "" }, { password: ["can't be blank"] }],
      [{ password: null }, { password: ["can't be blank"] }],
      [{ password: "short7c" }, { password: ["Password must be at least 8 characters"] }],
      [{ image: "javascript:alert(1)" }, { image: ["Image must be an http(s) URL"] }],
      [{ email: "nope", bio: "should not stick" }, { email: ["Enter a valid email address"] }],
    ];
    for (const [change, errors] of cases) {
      const response = await update(user.token, change);
      expect(response.status, JSON.stringify(change)).toBe(422);
      expect(response.body.errors).toEqual(errors);
    }
    const nothing = await update(user.token, {});
    expect(nothing.status).toBe(422);
    expect(Object.keys(nothing.body.errors)).toEqual(["user"]);
    const me = await rw("GET", "/user", { token: user.token });
    expect(me.body.user).toMatchObject({ email: user.email, username: user.username, bio: null });
  });

  test("When the new username or email belongs to someone else, then 409 and none of the change is applied", async () => {
    const other = await rwUser("holder");
    const user = await rwUser("wants");
    const name = await update(user.token, { username: other.username.toUpperCase(), bio: "x" });
    expect(name.status).toBe(409);
    expect(name.body).toEqual({ errors: { username: ["has already been taken"] } });
    const email = await update(user.token, {
      email: other.email,
      bio: "x",
      password: "new pass 123",
    });
    expect(email.status).toBe(409);
    expect(email.body).toEqual({ errors: { email: ["has already been taken"] } });
    const me = await rw("GET", "/user", { token: user.token });
    expect(me.body.user).toMatchObject({ email: user.email, username: user.username, bio: null });
    expect((await login(user.email)).status).toBe(200);
  });

  test("When one's own username is sent again in another case, then it is taken as the new spelling", async () => {
    const user = await rwUser("casing");
    const response = await update(user.token, { username: user.username.toUpperCase() });
    expect(response.status).toBe(200);
    expect(response.body.user.username).toBe(user.username.toUpperCase());
  });

  test("When the whole user object is sent back (token included), then the unknown fields are ignored", async () => {
    const user = await rwUser("whole");
    const me = await rw("GET", "/user", { token: user.token });
    const response = await update(user.token, { ...me.body.user, bio: "Round trip", id: 1 });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ bio: "Round trip", token: user.token });
  });

  test("When the password changes, then the presenting token keeps working, every other session ends and only the new password logs in", async () => {
    const user = await rwUser("newpass");
    const otherToken = (await login(user.email)).body.user.token as string;
    const v1 = await http("POST", "/api/v1/auth/login", {
      body: { email: user.email, password: PASSWORD },
    });
    const web = await http("POST", "/auth/email/login", {
      body: { email: user.email, password: PASSWORD },
    });
    expect(web.status).toBe(200);

    const response = await update(user.token, { password: "a brand new passphrase" });
    expect(response.status).toBe(200);
    expect(response.body.user.token).toBe(user.token);

    expect((await rw("GET", "/user", { token: user.token })).status).toBe(200);
    const ended = await rw("GET", "/user", { token: otherToken });
    expect(ended.status).toBe(401);
    expect(ended.body.errors.token).toEqual(["The access token is no longer valid"]);
    const refresh = await http("POST", "/api/v1/auth/refresh", {
      body: { refreshToken: v1.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
    expect((await http("GET", "/auth/me", { token: web.body.sessionId })).status).toBe(401);
    expect((await login(user.email)).status).toBe(401);
    expect((await login(user.email, "a brand new passphrase")).status).toBe(200);
    const row = await prisma.user.findUniqueOrThrow({ where: { email: user.email } });
    const audited = await rowsFor({ action: "auth.password_change", actorId: row.id });
    expect(audited).toHaveLength(1);
    expect(audited[0]!.metadata).toMatchObject({ sessionsEnded: 1, tokensRevoked: 2 });
  });

  test("When no token is sent, then 401 token is missing and nothing changes", async () => {
    const response = await rw("PUT", "/user", { body: { user: { bio: "anonymous" } } });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ errors: { token: ["is missing"] } });
  });
});
