// The driver adapter `npm run db:*` hands to Prisma 6.19.3's wasm schema engine (prisma.config.ts),
// with fixes for bugs in @prisma/adapter-pg 6.19.3 that only show up in migrations:
//  1. prisma/orm#27403: catalog columns of type `name` (OID 19) are rejected while the engine
//     describes the database -> read them as text. `"char"` (OID 18) columns must reach the engine
//     as the Character type (PostgreSQL 17 introspection of CHECK constraints crashes otherwise).
//  2. executeScript() splits a migration on every ";", breaking `$$` bodies and string literals
//     -> send the script whole, as the native engine does.
//  3. connectToShadowDb() lets `connectionString` override the shadow database name (so the
//     "shadow" is the real database) and drops it before closing its pool -> build the shadow
//     connection from parsed parts and drop it (WITH FORCE) after the pool has closed.
// Delete this file when adapter-pg fixes them; test/integration/migrations.test.ts will tell.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const OID_CHAR = 18;
const OID_NAME = 19;
const OID_TEXT = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

function configFromUrl(url) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    allowExitOnIdle: true, // the CLI must not wait for idle connections to time out
  };
}

async function onMaintenanceDb(config, sql) {
  const client = new pg.Client({ ...config, database: "postgres" });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let patched = false;
async function patchAdapterClasses(factory) {
  if (patched) return;
  const probe = await factory.connect();
  const adapterProto = Object.getPrototypeOf(probe);
  const queryableProto = Object.getPrototypeOf(adapterProto);
  await probe.dispose();

  adapterProto.executeScript = async function executeWholeScript(script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };

  const performIO = queryableProto.performIO;
  const queryRaw = queryableProto.queryRaw;
  const charColumns = new WeakMap();
  queryableProto.performIO = async function performIOWithCatalogTypes(query) {
    const result = await performIO.call(this, query);
    const chars = [];
    (result?.fields ?? []).forEach((field, i) => {
      if (field.dataTypeID === OID_CHAR) chars.push(i);
      if (field.dataTypeID === OID_CHAR || field.dataTypeID === OID_NAME)
        field.dataTypeID = OID_TEXT;
    });
    if (chars.length > 0) charColumns.set(query, chars);
    return result;
  };
  queryableProto.queryRaw = async function queryRawWithCharacter(query) {
    const result = await queryRaw.call(this, query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return result;
  };
  patched = true;
}

export async function migrationAdapter(url) {
  if (!url) throw new Error("DATABASE_URL is not set (see .env.example)");
  const config = configFromUrl(url);
  const factory = new PrismaPg(config);
  await patchAdapterClasses(factory);
  factory.connectToShadowDb = async () => {
    const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await onMaintenanceDb(config, `CREATE DATABASE "${database}"`);
    const adapter = await new PrismaPg({ ...config, database }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await onMaintenanceDb(config, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    };
    return adapter;
  };
  return factory;
}
