import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";

// Dependencies point one way: the folders of src/ (features, transports, shared pieces) import
// each other only downwards, so a change to one never has to know about those that use it.
// At the bottom shared (pure rules), at the top app (the composition root that wires the server);
// server holds what features and transports share, client the UI pieces every feature may use.

const SRC = resolve("src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const folderOf = (path: string) => relative(SRC, path).split("/")[0]!;

/** folder → folders it imports (relative imports only: packages and wasp/* are not ours). */
function folderGraph() {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sources(SRC)) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, "utf8").matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)) {
      const to = folderOf(resolve(dirname(file), match[1]!));
      if (to !== from && !edges.has(to)) edges.set(to, `${relative(SRC, file)} → ${match[1]}`);
    }
  }
  return graph;
}

/** Every cycle as the chain of imports that closes it (depth-first search). */
function cycles(graph: Map<string, Map<string, string>>) {
  const found: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, "visiting");
    path.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === "visiting") {
        const loop = [...path.slice(path.indexOf(next)), next];
        found.push(
          loop
            .map((n, i) => (i < loop.length - 1 ? graph.get(n)!.get(loop[i + 1]!) : n))
            .join("; "),
        );
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe("source layout", () => {
  test("When the folders of src/ import each other, then no chain of imports leads back to where it started", () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThan(8); // the scan found the feature folders
    expect(cycles(graph)).toEqual([]);
  });
});

describe("the browser bundle", () => {
  // vite.config.ts hands the browser an empty Prisma namespace (tools/vite/prisma-browser.js):
  // Wasp's client loads Prisma only to register Decimal with superjson. A Decimal column would
  // reach the browser as a Decimal the stub cannot revive.
  test("When the schema is read, then no model has a Decimal field, which the browser's Prisma stub relies on", () => {
    const schema = readFileSync("schema.prisma", "utf8");
    expect(schema.match(/^\s+\w+\s+Decimal\b.*$/gm) ?? []).toEqual([]);
  });
});
