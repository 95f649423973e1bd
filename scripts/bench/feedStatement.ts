import { type PostListQuery, postPageJson } from "../../src/posts/postsSql";

// The growth mode's EXPLAIN needs the feed page's statement exactly as the app sends it
// (src/posts/postsSql.ts): postPageJson run against a runner that records its first statement
// instead of executing it. Bundled by the bench with esbuild, as readFloor.ts is.
export async function feedStatement(query: PostListQuery) {
  let captured: { text: string; values: unknown[] } | undefined;
  await postPageJson(async <Row>(_name: string, text: string, values: unknown[]) => {
    captured ??= { text, values };
    return [] as Row[];
  }, query);
  if (!captured) throw new Error("postPageJson sent no statement");
  return captured;
}
