import express from "express";
import pg from "pg";
import { postJsonRow, postPageJson } from "../../src/posts/postsSql";
import { poolSql } from "../../src/shared/sql";

// The bench's floor for the reads the cache cannot help: bare Express and a `pg` pool running
// the app's own statements (src/posts/postsSql.ts) for the first feed page and one post, with
// nothing else (no auth, rate limits, logging, ETags). Bundled by the bench with esbuild; its
// answers are checked byte for byte against the app's before it is measured.
const sql = poolSql(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
const app = express();
app.get("/api/v1/posts", async (_req, res) => {
  res.type("json").send(await postPageJson(sql, { limit: 20 }));
});
app.get("/api/v1/posts/:id", async (req, res) => {
  const row = await postJsonRow(sql, { id: Number(req.params.id) });
  if (!row) return void res.status(404).end();
  res.type("json").send(row.json);
});
app.listen(Number(process.env.PORT), () => console.log("ready"));
// The bench stops it with SIGTERM: exit normally, so that --cpu-prof (BENCH_PROFILE=1) is written.
process.on("SIGTERM", () => process.exit(0));
