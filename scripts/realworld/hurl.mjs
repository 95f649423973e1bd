// The subset of Hurl (https://hurl.dev) the RealWorld API suite is written in, parsed into plain
// objects: requests (method, URL, headers, a JSON body) each with its expected status, asserts
// and captures. Whatever falls outside that subset is an error naming file:line: a line skipped
// silently would make a check vanish and the suite pass without it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { renderJsonBody } from "./template.mjs";

export class HurlSyntaxError extends Error {
  constructor(where, message) {
    super(`${where}: ${message}`);
    this.where = where;
  }
}

const METHOD = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\s+(\S.*)$/;
const STATUS = /^HTTP(?:\/[\d.]+)?\s+(\S+)\s*(?:#.*)?$/;
const HEADER = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/;
const SECTION = /^\[([A-Za-z]+)\]\s*(?:#.*)?$/;
const CAPTURE = /^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(.*)$/;
const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;
const VALUE_PREDICATES = ["==", "!=", ">=", "<=", ">", "<"];
const WORD_PREDICATES = ["contains", "includes", "startsWith", "endsWith", "matches"];
const TYPE_PREDICATES = [
  "exists",
  "isEmpty",
  "isString",
  "isInteger",
  "isNumber",
  "isBoolean",
  "isList",
  "isObject",
  "isCollection",
];
const STRING_ESCAPES = { '"': '"', "\\": "\\", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** Reads one line's tokens left to right; every method throws, naming the line, on bad input. */
class Scanner {
  constructor(text, where) {
    this.text = text;
    this.at = 0;
    this.where = where;
  }
  fail(message) {
    throw new HurlSyntaxError(this.where, `${message} in: ${this.text.trim()}`);
  }
  skipSpaces() {
    while (this.text[this.at] === " " || this.text[this.at] === "\t") this.at++;
  }
  /** True when only spaces and a comment are left. */
  atEnd() {
    this.skipSpaces();
    return this.at >= this.text.length || this.text[this.at] === "#";
  }
  word() {
    this.skipSpaces();
    const match = /^[A-Za-z]+/.exec(this.text.slice(this.at));
    if (!match) return null;
    this.at += match[0].length;
    return match[0];
  }
  peekWord() {
    const at = this.at;
    const word = this.word();
    this.at = at;
    return word;
  }
  /** A double-quoted Hurl string, its escapes resolved (`\\d` is `\d`); `{{…}}` stays in it. */
  quoted() {
    this.skipSpaces();
    if (this.text[this.at] !== '"') this.fail('expected a "quoted string"');
    let out = "";
    for (let i = this.at + 1; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '"') {
        this.at = i + 1;
        return checkTemplates(out, this.where);
      }
      if (c !== "\\") {
        out += c;
        continue;
      }
      const next = this.text[++i];
      if (next === "u" && this.text[i + 1] === "{") {
        const end = this.text.indexOf("}", i);
        const code = Number.parseInt(this.text.slice(i + 2, end), 16);
        if (end < 0 || Number.isNaN(code)) this.fail("bad \\u{…} escape");
        out += String.fromCodePoint(code);
        i = end;
      } else if (next in STRING_ESCAPES) out += STRING_ESCAPES[next];
      else this.fail(`unknown escape \\${next ?? ""}`);
    }
    return this.fail("unterminated string");
  }
  /** A predicate's value: a string, `{{variable}}` (its captured type), number, boolean, null. */
  value() {
    this.skipSpaces();
    const rest = this.text.slice(this.at);
    if (rest.startsWith('"')) return { kind: "string", template: this.quoted() };
    const token = (pattern) => {
      const match = pattern.exec(rest);
      if (match) this.at += match[0].length;
      return match;
    };
    let match;
    if ((match = token(/^\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/))) {
      return { kind: "variable", name: match[1] };
    }
    if ((match = token(/^\/((?:\\.|[^\\/])+)\//))) {
      return { kind: "regex", source: match[1].replaceAll("\\/", "/") };
    }
    if ((match = token(/^-?\d+(\.\d+)?([eE][+-]?\d+)?(?![\w.])/))) {
      return { kind: "literal", value: Number(match[0]) };
    }
    if ((match = token(/^(true|false|null)\b/))) {
      return { kind: "literal", value: JSON.parse(match[1]) };
    }
    return this.fail("expected a value (string, {{variable}}, number, true, false or null)");
  }
}

/** Refuses `{{` that is not a well-formed `{{name}}`. */
function checkTemplates(text, where) {
  if (text.replace(TEMPLATE, "").includes("{{")) {
    throw new HurlSyntaxError(where, `malformed {{…}} in: ${text}`);
  }
  return text;
}

/** A header value or URL: ends at an unescaped `#` (a comment); `\#` and `\\` are literal. */
function valueString(text, where) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "#") break;
    if (text[i] === "\\" && (text[i + 1] === "#" || text[i + 1] === "\\")) i++;
    out += text[i];
  }
  return checkTemplates(out.trim(), where);
}

/** `jsonpath "<path>"` and its filters (only `count`): what asserts and captures both start with. */
function query(scanner) {
  const type = scanner.word();
  if (type !== "jsonpath") scanner.fail(`unsupported query ${type ?? "(none)"} (only jsonpath)`);
  const path = scanner.quoted();
  if (!path.startsWith("$")) scanner.fail("a JSONPath starts with $");
  if (/\[\s*-\d/.test(path)) scanner.fail("negative array indices are not supported");
  const filters = [];
  while (scanner.peekWord() === "count") filters.push(scanner.word());
  return { path, filters };
}

function parseAssert(text, where) {
  const scanner = new Scanner(text, where);
  const { path, filters } = query(scanner);
  let not = false;
  if (scanner.peekWord() === "not") not = Boolean(scanner.word());
  scanner.skipSpaces();
  const rest = scanner.text.slice(scanner.at);
  let name = VALUE_PREDICATES.find((op) => rest.startsWith(op));
  if (name) scanner.at += name.length;
  else name = scanner.word();
  let value = null;
  if (VALUE_PREDICATES.includes(name) || WORD_PREDICATES.includes(name)) {
    value = scanner.value();
    if (value.kind === "regex" && name !== "matches")
      scanner.fail("a /regex/ only goes with matches");
    if (name === "matches" && !["string", "regex"].includes(value.kind)) {
      scanner.fail('matches takes a "string" or a /regex/');
    }
  } else if (!TYPE_PREDICATES.includes(name)) {
    scanner.fail(`unsupported predicate ${name ?? rest.split(/\s/)[0]}`);
  }
  if (!scanner.atEnd()) scanner.fail("unexpected text after the predicate");
  return { where, source: text.trim(), path, filters, not, predicate: name, value };
}

function parseCapture(text, where) {
  const match = CAPTURE.exec(text);
  if (!match) throw new HurlSyntaxError(where, `expected "name: jsonpath …" in: ${text.trim()}`);
  const scanner = new Scanner(match[2], where);
  const { path, filters } = query(scanner);
  if (!scanner.atEnd()) scanner.fail("unexpected text after the capture's query");
  return { where, name: match[1], path, filters };
}

/** The requests of one Hurl file, in order. `file` names it in errors (file:line). */
export function parseHurl(text, file) {
  const entries = [];
  let entry = null;
  let state = "start"; // start | headers | body | response | asserts | captures
  let body = null;
  const finishBody = () => {
    while (body.lines.length && /^\s*(#.*)?$/.test(body.lines.at(-1))) body.lines.pop();
    const source = body.lines.join("\n");
    try {
      // Placeholders as neutral JSON, to check the body is JSON before anything is sent.
      JSON.parse(renderJsonBody(source, () => 0));
    } catch (error) {
      throw new HurlSyntaxError(body.where, `the body is not JSON (${error.message})`);
    }
    entry.body = { where: body.where, source };
    body = null;
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const where = `${file}:${index + 1}`;
    const line = raw.trimEnd();
    const blank = /^\s*(#.*)?$/.test(line);
    let match;
    if (state === "body" && METHOD.test(raw)) {
      throw new HurlSyntaxError(entry.where, "request without a response section (HTTP <status>)");
    }
    if (state === "body" && !STATUS.test(line)) return void body.lines.push(raw);
    if (blank) return;
    if ((match = METHOD.exec(line))) {
      if (state === "headers" || state === "body") {
        throw new HurlSyntaxError(
          entry.where,
          "request without a response section (HTTP <status>)",
        );
      }
      const url = valueString(match[2], where);
      const fresh = { headers: [], body: null, status: null, asserts: [], captures: [] };
      entry = { where, method: match[1], url, ...fresh };
      entries.push(entry);
      state = "headers";
    } else if ((match = STATUS.exec(line)) && (state === "headers" || state === "body")) {
      if (state === "body") finishBody();
      if (!/^\d{3}$/.test(match[1]))
        throw new HurlSyntaxError(where, `unsupported status ${match[1]}`);
      entry.status = { where, code: Number(match[1]) };
      state = "response";
    } else if ((match = SECTION.exec(line))) {
      const section = match[1];
      if (state === "start" || state === "headers" || !["Asserts", "Captures"].includes(section)) {
        throw new HurlSyntaxError(where, `unsupported section [${section}] here`);
      }
      state = section.toLowerCase();
    } else if (state === "headers" && /^[[{]/.test(line)) {
      body = { where, lines: [raw] };
      state = "body";
    } else if (state === "headers" && (match = HEADER.exec(line))) {
      entry.headers.push({ where, name: match[1], value: valueString(match[2], where) });
    } else if (state === "asserts") {
      entry.asserts.push(parseAssert(line, where));
    } else if (state === "captures") {
      entry.captures.push(parseCapture(line, where));
    } else {
      const what = state === "response" ? "response headers or body" : "line";
      throw new HurlSyntaxError(where, `unsupported ${what}: ${line.trim()}`);
    }
  });
  if (state === "body" || state === "headers") {
    throw new HurlSyntaxError(entry.where, "request without a response section (HTTP <status>)");
  }
  return { file, entries };
}

/** Checks a parsed file makes: one status per request plus its asserts (captures check nothing). */
export const countChecks = (parsed) =>
  parsed.entries.reduce((sum, entry) => sum + 1 + entry.asserts.length, 0);

/** Every `*.hurl` file of `dir`, parsed, in name order. */
export function loadSuite(dir) {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".hurl"))
    .sort()
    .map((name) => parseHurl(readFileSync(join(dir, name), "utf8"), name));
}
