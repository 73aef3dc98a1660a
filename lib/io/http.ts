// The one place opsfold talks HTTP as a client: a request over node:http/https with a hard deadline for
// the whole exchange (as curl -m), optionally one for the connection (curl --connect-timeout), a bounded
// response body, and no exception ever escaping: every failure is an `error` outcome whose message
// names no URL (the URL may be the secret). Alert sinks and the harness's escalation delivery POST
// through `nodeTransport`; `opsfold service-client` sends any request through `httpRequest`.
import type { ClientRequest, IncomingMessage } from 'node:http';

/** One POST: where, its headers, its body, and the deadline for the whole exchange. */
export interface HttpPost {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/** What came back: a response (any status), or why none did (the message names no URL). */
export type HttpOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  | { readonly kind: 'error'; readonly message: string };

/** Any request: `timeoutMs` 0 (or a `connectTimeoutMs` of 0) means no deadline, as curl's 0. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly timeoutMs: number;
  readonly connectTimeoutMs?: number;
  /** Bytes of the answer kept (the rest is read and dropped). Default: 64 KiB. */
  readonly maxBodyBytes?: number;
}

const MAX_BODY = 64 * 1024;

const parseUrl = (raw: string): URL | null => {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
};

const readBody = (res: IncomingMessage, done: (o: HttpOutcome) => void, max = MAX_BODY): void => {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (c: Buffer) => {
    if (size < max) chunks.push(c.subarray(0, max - size));
    size += c.length;
  });
  res.on('end', () =>
    done({ kind: 'response', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
  );
  res.on('error', (e) => done({ kind: 'error', message: `response failed: ${e.message}` }));
};

// Node's own messages for refused connections and resets carry host and port, never the path.
const describe = (e: NodeJS.ErrnoException): string => `request failed: ${e.code ?? e.message}`;

// A connection not made within `ms` is given up (the exchange's deadline still bounds the rest).
const connectDeadline = (client: ClientRequest, ms: number, done: (o: HttpOutcome) => void): void => {
  client.once('socket', (socket) => {
    if (!socket.connecting) return;
    const timer = setTimeout(
      () => done({ kind: 'error', message: `request failed: could not connect within ${ms / 1000}s` }),
      ms,
    );
    socket.once('connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  });
};

/** Any request over node:http / node:https; never rejects. */
export const httpRequest = async (req: HttpRequest): Promise<HttpOutcome> => {
  const url = parseUrl(req.url);
  if (url === null) return { kind: 'error', message: 'request failed: the URL is not a valid http(s) URL' };
  // Loaded on the first request: most commands that can send one (reconcile's alerts) do not.
  const { request: send } =
    url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise<HttpOutcome>((resolve) => {
    const body = req.body === undefined ? null : Buffer.from(req.body);
    let settled = false;
    let client: ClientRequest | null = null;
    const done = (o: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client?.destroy();
      resolve(o);
    };
    const timer =
      req.timeoutMs > 0
        ? setTimeout(
            () =>
              done({ kind: 'error', message: `request failed: timed out after ${req.timeoutMs / 1000}s` }),
            req.timeoutMs,
          )
        : undefined;
    const length = body === null ? {} : { 'Content-Length': String(body.length) };
    client = send(url, { method: req.method, headers: { ...req.headers, ...length } }, (res) =>
      readBody(res, done, req.maxBodyBytes),
    );
    if (req.connectTimeoutMs !== undefined && req.connectTimeoutMs > 0)
      connectDeadline(client, req.connectTimeoutMs, done);
    client.on('error', (e) => done({ kind: 'error', message: describe(e) }));
    client.end(body ?? undefined);
  });
};

/** The production transport: a POST over node:http / node:https. */
export const nodeTransport = (req: HttpPost): Promise<HttpOutcome> => httpRequest({ ...req, method: 'POST' });
