// Runs parsed Hurl files against a server, as Hurl would: each file in a scope of its own (`host`,
// `uid` and its captures), requests in order, every assert of a request evaluated even after one
// failed. To report all a run shows, a request with the wrong status still has its captures and
// asserts evaluated and the file goes on (hurl would end the request, and the file, there; the
// verdict is the same: any failure fails). A file does stop after a request whose capture failed:
// what follows would use a variable that was never set.
import { randomInt } from "node:crypto";
import { applyFilters, checkAssert, queryJson } from "./checks.mjs";
import { countChecks } from "./hurl.mjs";
import { lookupIn, renderJsonBody, renderTemplate, TemplateError } from "./template.mjs";

const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);

function buildRequest(entry, resolve) {
  const headers = new Headers();
  for (const { name, value } of entry.headers) headers.append(name, renderTemplate(value, resolve));
  let body;
  if (entry.body) {
    body = renderJsonBody(entry.body.source, resolve);
    try {
      JSON.parse(body);
    } catch (error) {
      throw new TemplateError(`the rendered body is not JSON (${error.message})`);
    }
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return { method: entry.method, url: renderTemplate(entry.url, resolve), headers, body };
}

function expectedValue({ value, predicate }, resolve) {
  if (value === null) return undefined;
  if (value.kind === "literal") return value.value;
  if (value.kind === "variable") return resolve(value.name);
  const source = value.kind === "regex" ? value.source : renderTemplate(value.template, resolve);
  if (predicate !== "matches") return source;
  try {
    return new RegExp(source, "u");
  } catch (error) {
    throw new Error(`invalid regex: ${error.message}`);
  }
}

/** The response body as JSON, parsed once and only when a query needs it. */
function jsonOf(response) {
  if (!("json" in response)) {
    try {
      response.json = JSON.parse(response.text);
    } catch {
      response.json = new Error(`the response body is not JSON`);
    }
  }
  if (response.json instanceof Error) throw response.json;
  return response.json;
}

/** One request and its checks; `stop` says the file cannot go on. */
async function runEntry(entry, variables, { timeoutMs }) {
  const resolve = lookupIn(variables);
  const outcome = {
    where: entry.where,
    request: `${entry.method} ${entry.url}`,
    response: null,
    passed: 0,
    failures: [],
    stop: false,
  };
  const fail = (where, check, message) => outcome.failures.push({ where, check, message });
  let response;
  try {
    const request = buildRequest(entry, resolve);
    outcome.request = `${request.method} ${request.url}`;
    if (request.body) outcome.request += ` ${clip(JSON.stringify(JSON.parse(request.body)), 300)}`;
    const answer = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual", // Hurl does not follow redirects unless told to
      signal: AbortSignal.timeout(timeoutMs),
    });
    response = { status: answer.status, text: await answer.text() };
  } catch (error) {
    const reason = error instanceof TemplateError ? error.message : `no response: ${error.message}`;
    fail(entry.where, "request", `${reason}${error.cause ? ` (${error.cause.message})` : ""}`);
    return { ...outcome, stop: true };
  }
  outcome.response = response;
  const { code, where } = entry.status;
  if (response.status === code) outcome.passed++;
  else fail(where, `HTTP ${code}`, `expected status ${code}, actual ${response.status}`);
  // Captures first, as Hurl does, so the asserts of the same request may use them.
  for (const capture of entry.captures) {
    try {
      const path = renderTemplate(capture.path, resolve);
      const value = applyFilters(queryJson(jsonOf(response), path), capture.filters);
      if (value === undefined) throw new Error(`jsonpath "${path}" matched nothing`);
      variables[capture.name] = value;
    } catch (error) {
      fail(capture.where, `capture ${capture.name}`, error.message);
      outcome.stop = true;
    }
  }
  for (const assert of entry.asserts) {
    try {
      const actual = queryJson(jsonOf(response), renderTemplate(assert.path, resolve));
      const problem = checkAssert(assert, actual, expectedValue(assert, resolve));
      if (problem) fail(assert.where, assert.source, problem);
      else outcome.passed++;
    } catch (error) {
      fail(assert.where, assert.source, error.message);
    }
  }
  return outcome;
}

/**
 * Runs one parsed file against `host` with `uid`. Returns its counts, the requests that had a
 * failure (with their response) and, if it stopped early, where and what was left unrun.
 */
export async function runFile(parsed, { host, uid, timeoutMs = 30_000 }) {
  const variables = { host, uid };
  const result = {
    file: parsed.file,
    requests: parsed.entries.length,
    checks: countChecks(parsed),
    passed: 0,
    failed: [],
    stopped: null,
  };
  for (const [index, entry] of parsed.entries.entries()) {
    const outcome = await runEntry(entry, variables, { timeoutMs });
    result.passed += outcome.passed;
    if (outcome.failures.length) result.failed.push(outcome);
    if (outcome.stop) {
      const rest = { entries: parsed.entries.slice(index + 1) };
      const notRun = countChecks(rest);
      result.stopped = { where: entry.where, requests: rest.entries.length, checks: notRun };
      break;
    }
  }
  return result;
}

/** A unique run id for `{{uid}}`: lowercase letters and digits, 12 at most (names stay short). */
export const newUid = () =>
  Date.now().toString(36).slice(-8) +
  randomInt(36 ** 4)
    .toString(36)
    .padStart(4, "0");
