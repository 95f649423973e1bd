import { spawnSync } from "node:child_process";
import { prisma } from "wasp/server";
import { expect, test } from "vitest";
import { uniqueEmail, userRow } from "../factories";
import { TEST_DATABASE_URL } from "../setup/testEnv";

// `npm run admin:grant -- <email>` against the test database, as an operator would run it.
const grant = (email: string) =>
  spawnSync(process.execPath, ["scripts/admin-grant.mjs", email], {
    env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
    encoding: "utf8",
  });

test("When admin:grant names an existing user, then they become an admin and the change is audited", async () => {
  const user = await userRow();
  const result = grant(user.email.toUpperCase());
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout).toContain("is now an admin");
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
    role: "ADMIN",
  });
  const audit = await prisma.auditLog.findMany({
    where: { action: "user.role_change", targetId: String(user.id) },
  });
  expect(audit).toMatchObject([
    { actorId: null, targetType: "user", metadata: { from: "USER", to: "ADMIN" } },
  ]);
  expect(grant(user.email).stdout).toContain("already an admin");
});

test("When admin:grant names an unknown email, then it fails with a clear message and changes nothing", () => {
  const result = grant(uniqueEmail("nobody"));
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/no user with the email .*sign up first/);
});
