// npm run admin:grant -- <email>: makes an existing account an admin, for the first admin of a
// deployment (or when ADMIN_EMAILS is not an option). Uses DATABASE_URL from the environment or
// .env.server; with neither, the embedded PostgreSQL that `npm start` runs. Audited like a role
// change made in the app, with no actor (it came from the command line).
import { existsSync } from "node:fs";
import pg from "pg";
import { redact } from "./lib/database.mjs";

const EMBEDDED_URL = `postgresql://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 5488}/inkwell`;

function fail(message) {
  console.error(`admin:grant: ${message}`);
  process.exit(1);
}

const email = process.argv[2]?.trim().toLowerCase();
if (!email || process.argv.length > 3) fail("usage: npm run admin:grant -- <email>");
if (!process.env.DATABASE_URL && existsSync(".env.server")) process.loadEnvFile(".env.server");
const url = process.env.DATABASE_URL ?? EMBEDDED_URL;

const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
} catch (error) {
  fail(`cannot connect to ${redact(url)}: ${error.message || error.code}`);
}
try {
  await client.query("BEGIN");
  // FOR UPDATE: a concurrent role change cannot slip between the read and the audit row.
  const { rows } = await client.query(
    'SELECT id, role FROM "User" WHERE lower(email) = $1 FOR UPDATE',
    [email],
  );
  const user = rows[0];
  if (!user) {
    await client.query("ROLLBACK");
    fail(`no user with the email ${email}: sign up first, then run this again`);
  }
  if (user.role === "ADMIN") {
    await client.query("ROLLBACK");
    console.log(`${email} is already an admin`);
  } else {
    await client.query('UPDATE "User" SET role = \'ADMIN\', "updatedAt" = now() WHERE id = $1', [
      user.id,
    ]);
    await client.query(
      `INSERT INTO "AuditLog" ("actorId", action, "targetType", "targetId", metadata)
       VALUES (NULL, 'user.role_change', 'user', $1, $2)`,
      [String(user.id), JSON.stringify({ from: user.role, to: "ADMIN", via: "admin:grant" })],
    );
    await client.query("COMMIT");
    console.log(`${email} is now an admin`);
  }
} catch (error) {
  await client.query("ROLLBACK").catch(() => {});
  fail(error.message);
} finally {
  await client.end().catch(() => {});
}
