// PostgreSQL helpers for the start and test scripts: check a URL, create a database,
// and print problems as one readable line instead of a stack trace.
import pg from "pg";

export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** Resolves to null when the server answers, else to a one-line reason. */
export async function probe(url, { database = "postgres", timeoutMs = 3000 } = {}) {
  let target;
  try {
    target = withDatabase(url, database);
  } catch {
    return "not a valid URL (expected postgresql://user:password@host:5432/database)";
  }
  const client = new pg.Client({ connectionString: target, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return error.message || error.code || String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function onMaintenanceDb(url, sql, params = []) {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function ensureDatabase(url) {
  const name = databaseName(url);
  const { rowCount } = await onMaintenanceDb(url, "SELECT 1 FROM pg_database WHERE datname = $1", [
    name,
  ]);
  if (rowCount === 0) await onMaintenanceDb(url, `CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  return rowCount === 0;
}

export async function recreateDatabase(url) {
  const name = databaseName(url).replaceAll('"', '""');
  await onMaintenanceDb(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await onMaintenanceDb(url, `CREATE DATABASE "${name}"`);
}

/** Fails with one clear line when the server at `url` cannot be reached. */
export async function requireReachable(url, what) {
  const problem = await probe(url);
  if (problem) {
    throw new Error(`Cannot connect to PostgreSQL (${what}) at ${redact(url)}: ${problem}`);
  }
}
