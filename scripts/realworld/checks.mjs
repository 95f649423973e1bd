// What an assert means, as Hurl evaluates it: the JSONPath query, its `count` filter, then the
// predicate, optionally negated. Values are what JSON.parse gives; `undefined` stands for
// Hurl's "none" (the path matched nothing).
import { isDeepStrictEqual } from "node:util";
import { JSONPath } from "jsonpath-plus";

// A path of names and indices only selects at most one node, and Hurl then gives that node's
// value (or none); any other path (wildcards, filters, slices, `..`) gives the list of matches.
const SINGULAR = /^\$(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*$/;

/** The value `path` selects in `json`: a node's value, a list of matches, or undefined (none). */
export function queryJson(json, path) {
  const matches = JSONPath({ path, json, wrap: true, resultType: "all", eval: "safe" })
    // jsonpath-plus also indexes into strings and reads an array's `length`; JSONPath does not.
    .filter(({ parent, parentProperty }) =>
      Array.isArray(parent)
        ? /^\d+$/.test(String(parentProperty))
        : parent === null || typeof parent === "object",
    )
    .map(({ value }) => value);
  if (SINGULAR.test(path)) return matches[0];
  return matches;
}

/** How failures show a value, close to Hurl's wording ("string <x>", "none"). */
export function describe(value) {
  if (value === undefined) return "none";
  if (value === null) return "null";
  if (value instanceof RegExp) return `regex ${value}`;
  const json = JSON.stringify(value);
  const short = json.length > 120 ? `${json.slice(0, 117)}...` : json;
  if (typeof value === "string") return `string ${short}`;
  if (typeof value === "number") return `${Number.isInteger(value) ? "integer" : "float"} ${json}`;
  if (typeof value === "boolean") return `boolean ${json}`;
  if (Array.isArray(value)) return `list of ${value.length} ${short}`;
  return `object ${short}`;
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const sameKind = (a, b) =>
  (typeof a === "number" && typeof b === "number") ||
  (typeof a === "string" && typeof b === "string");
const compare = (test) => (actual, expected) =>
  sameKind(actual, expected) ? test(actual, expected) : "mismatch";
const strings = (test) => (actual, expected) =>
  typeof actual === "string" && typeof expected === "string" ? test(actual, expected) : "mismatch";
const size = (v) =>
  Array.isArray(v) || typeof v === "string" ? v.length : isObject(v) ? Object.keys(v).length : -1;

// Each returns true, false or "mismatch" (a type error, which fails even under `not`).
const PREDICATES = {
  "==": (a, e) => isDeepStrictEqual(a, e),
  "!=": (a, e) => !isDeepStrictEqual(a, e),
  ">": compare((a, e) => a > e),
  ">=": compare((a, e) => a >= e),
  "<": compare((a, e) => a < e),
  "<=": compare((a, e) => a <= e),
  contains: (a, e) =>
    Array.isArray(a)
      ? a.some((item) => isDeepStrictEqual(item, e))
      : strings((s, part) => s.includes(part))(a, e),
  includes: (a, e) => (Array.isArray(a) ? a.some((i) => isDeepStrictEqual(i, e)) : "mismatch"),
  startsWith: strings((s, prefix) => s.startsWith(prefix)),
  endsWith: strings((s, suffix) => s.endsWith(suffix)),
  matches: (a, regex) => (typeof a === "string" ? regex.test(a) : "mismatch"),
  exists: () => true,
  isEmpty: (a) => (size(a) < 0 ? "mismatch" : size(a) === 0),
  isString: (a) => typeof a === "string",
  // JSON.parse cannot tell 2 from 2.0 (Hurl calls the latter a float): both count as integers.
  isInteger: (a) => Number.isInteger(a),
  isNumber: (a) => typeof a === "number",
  isBoolean: (a) => typeof a === "boolean",
  isList: (a) => Array.isArray(a),
  isObject: (a) => isObject(a),
  isCollection: (a) => Array.isArray(a) || isObject(a),
};

/** `value` through `filters` (only `count`: a list's length); a filter fails on anything else. */
export function applyFilters(value, filters) {
  let out = value;
  for (const filter of filters) {
    if (!Array.isArray(out)) throw new Error(`${filter} needs a list, actual ${describe(out)}`);
    out = out.length;
  }
  return out;
}

/**
 * Applies the assert's filters to `actual` (undefined: none) and its predicate against
 * `expected` (already evaluated). Returns null when it holds, else why not.
 */
export function checkAssert(assert, actual, expected) {
  let value;
  try {
    value = applyFilters(actual, assert.filters);
  } catch (error) {
    return error.message;
  }
  const not = assert.not ? "not " : "";
  const wanted = `${not}${assert.predicate}${expected === undefined ? "" : ` ${describe(expected)}`}`;
  const failed = `expected ${wanted}, actual ${describe(value)}`;
  // On none every predicate is false (so `not …` holds), as in Hurl.
  const result = value === undefined ? false : PREDICATES[assert.predicate](value, expected);
  if (result === "mismatch") return `${failed} (type mismatch)`;
  return result === !assert.not ? null : failed;
}
