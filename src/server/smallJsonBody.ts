import { isUtf8 } from "node:buffer";
import { Readable } from "node:stream";
import type { NextFunction, Request, RequestHandler, Response } from "express";

// Wasp's JSON body parser (express.json: body-parser) streams every body through raw-body, a
// charset decoder and its debug hooks: on the web app's small queries that cost as much as a
// third of answering a cached one. The body the web app sends (a declared length within the
// limit, `application/json`, no content coding) is read here and parsed as body-parser parses
// it when it is plain: UTF-8, a JSON object or array. Anything else, including every body
// body-parser would refuse, is handed to body-parser itself, replayed from the bytes read, so
// its answer (and its error) is the one it would have given.

const PLAIN_TYPES = new Set(["application/json", "application/json; charset=utf-8"]);
const OBJECT = 0x7b; // "{"
const ARRAY = 0x5b; // "["

function isPlain(req: Request, limitBytes: number) {
  const { headers } = req;
  const type = headers["content-type"];
  const length = headers["content-length"];
  if (!type || !PLAIN_TYPES.has(type.toLowerCase())) return false;
  if (headers["transfer-encoding"] !== undefined || headers["content-encoding"] !== undefined) {
    return false;
  }
  return length !== undefined && /^\d{1,9}$/.test(length) && Number(length) <= limitBytes;
}

/** body-parser on the same headers and the bytes already read (`failure`: the stream's end). */
function replay(
  parser: RequestHandler,
  req: Request,
  res: Response,
  next: NextFunction,
  chunks: Buffer[],
  failure?: { event: "aborted" | "error"; error?: unknown },
) {
  const copy = Object.assign(new Readable({ read() {} }), {
    headers: req.headers,
    method: req.method,
    url: req.url,
  });
  for (const chunk of chunks) copy.push(chunk);
  if (!failure) copy.push(null);
  else setImmediate(() => copy.emit(failure.event, failure.error));
  parser(copy as unknown as Request, res, (error?: unknown) => {
    req.body = (copy as { body?: unknown }).body;
    next(error);
  });
}

/** `parser` (Wasp's express.json), with plain small bodies read and parsed without it. */
export function smallJsonBody(parser: RequestHandler, limitBytes: number): RequestHandler {
  return (req, res, next) => {
    if (!isPlain(req, limitBytes) || req.complete) return parser(req, res, next);
    const expected = Number(req.headers["content-length"]);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    };
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("aborted", onAborted);
      req.off("error", onError);
    };
    const onEnd = () => {
      done();
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      if (size !== expected || (body[0] !== OBJECT && body[0] !== ARRAY) || !isUtf8(body)) {
        return replay(parser, req, res, next, chunks);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch {
        return replay(parser, req, res, next, chunks);
      }
      req.body = parsed;
      next();
    };
    const onAborted = () => {
      done();
      replay(parser, req, res, next, chunks, { event: "aborted" });
    };
    const onError = (error: unknown) => {
      done();
      replay(parser, req, res, next, chunks, { event: "error", error });
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("aborted", onAborted);
    req.on("error", onError);
  };
}
