// A small JSON server on node:http, free of any domain: the handler gets the method, path, query,
// headers and a capped body reader, and answers a status with a JSON body (sent compact, with its
// length; or a text answer with its own content type). A handler that throws gets the caller's error answer; one that answers null drops the
// connection (a body the client aborted).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
  /** Ask the client to close the connection (an answer sent before its whole body was read). */
  readonly close?: boolean;
  /** Sent instead of `body` as JSON: a text answer (a metrics exposition) with its content type. */
  readonly text?: { readonly contentType: string; readonly text: string };
}

export type RequestBody =
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'aborted'; readonly message: string };

export interface JsonRequest {
  readonly method: string;
  readonly pathname: string;
  /** Each query parameter's first value. */
  readonly query: Readonly<Record<string, string | undefined>>;
  /** The raw header (lower-case name), as node gives it. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body as UTF-8 text, refused past `maxBytes` (a declared length over it before a byte is read). */
  body(maxBytes: number): Promise<RequestBody>;
}

export type JsonHandler = (req: JsonRequest) => Promise<JsonAnswer | null>;

export interface JsonServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The answer when the handler throws before answering. */
  readonly onError: (err: unknown) => JsonAnswer;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  close(): Promise<void>;
}

/** The first value of a header, or '' when absent. */
export const headerOf = (req: Pick<JsonRequest, 'headers'>, name: string): string => {
  const v = req.headers[name];
  return (typeof v === 'string' ? v : v?.[0]) ?? '';
};

// An answer sent before the request's body was read to its end (a handler that reads no body, or one
// that stopped at the cap) closes the connection once sent: node would otherwise go on reading and
// discarding that body to reach the next request, without limit for an endless chunked one.
/**
 * The header that closes the connection after this answer when the request's body was not read to its
 * end (or `force`), with the socket destroyed once the answer is sent; none otherwise. Any node:http
 * server calls it before writeHead (the dashboard does).
 */
export const closeUnread = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  force = false,
): Record<string, string> => {
  if (!force && req.complete) return {};
  res.once('finish', () => req.socket.destroy());
  return { Connection: 'close' };
};

const send = (req: http.IncomingMessage, res: http.ServerResponse, a: JsonAnswer): void => {
  const body = Buffer.from(a.text === undefined ? JSON.stringify(a.body) : a.text.text);
  res.writeHead(a.status, {
    'Content-Type': a.text?.contentType ?? 'application/json',
    'Content-Length': String(body.length),
    ...closeUnread(req, res, a.close === true),
  });
  res.end(body);
};

const queryOf = (url: URL): Record<string, string | undefined> => {
  const q: Record<string, string | undefined> = {};
  for (const k of new Set(url.searchParams.keys()))
    Object.defineProperty(q, k, { value: url.searchParams.get(k) ?? undefined, enumerable: true });
  return q;
};

/** The request's body as UTF-8 text, refused past `maxBytes` (a declared length over it before a byte is read). */
export const readBody = (req: http.IncomingMessage, maxBytes: number): Promise<RequestBody> =>
  new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      resolve({ kind: 'too_large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (b: RequestBody) => {
      if (settled) return;
      settled = true;
      resolve(b);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        settle({ kind: 'too_large' });
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => settle({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', (err) => settle({ kind: 'aborted', message: err.message }));
    req.on('aborted', () => settle({ kind: 'aborted', message: 'request aborted' }));
  });

const requestOf = (req: http.IncomingMessage): JsonRequest => {
  const url = new URL(req.url ?? '/', 'http://service.invalid');
  return {
    method: req.method ?? '',
    pathname: url.pathname,
    query: queryOf(url),
    headers: req.headers,
    body: (maxBytes) => readBody(req, maxBytes),
  };
};

const serve = async (handler: JsonHandler, req: http.IncomingMessage, res: http.ServerResponse) => {
  const answer = await handler(requestOf(req));
  if (answer === null) res.destroy();
  else send(req, res, answer);
};

/** Starts the server; resolves once it listens (rejects when the address cannot be bound). */
export const startJsonServer = (o: JsonServerOptions, handler: JsonHandler): Promise<RunningServer> =>
  new Promise((resolve, reject) => {
    const server = http.createServer((req, res) => {
      serve(handler, req, res).catch((err: unknown) => {
        if (res.headersSent) return res.destroy();
        return send(req, res, o.onError(err));
      });
    });
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      const { port } = server.address() as AddressInfo;
      const host = o.host.includes(':') ? `[${o.host}]` : o.host;
      const close = () =>
        new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
      resolve({ url: `http://${host}:${port}`, port, server, close });
    });
  });
