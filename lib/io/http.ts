// The one place opsfold talks HTTP as a client: a POST over node:http/https with a hard deadline for
// the whole exchange (as curl -m), a bounded response body, and no exception ever escaping: every
// failure is an `error` outcome whose message names no URL (the URL may be the secret). Alert sinks
// and the harness's escalation delivery send through it.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

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

const MAX_BODY = 64 * 1024;

const parseUrl = (raw: string): URL | null => {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
};

const readBody = (res: IncomingMessage, done: (o: HttpOutcome) => void): void => {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (c: Buffer) => {
    if (size < MAX_BODY) chunks.push(c.subarray(0, MAX_BODY - size));
    size += c.length;
  });
  res.on('end', () =>
    done({ kind: 'response', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
  );
  res.on('error', (e) => done({ kind: 'error', message: `response failed: ${e.message}` }));
};

// Node's own messages for refused connections and resets carry host and port, never the path.
const describe = (e: NodeJS.ErrnoException): string => `request failed: ${e.code ?? e.message}`;

/** The production transport: node:http / node:https. */
export const nodeTransport = (req: HttpPost): Promise<HttpOutcome> =>
  new Promise<HttpOutcome>((resolve) => {
    const url = parseUrl(req.url);
    if (url === null)
      return resolve({ kind: 'error', message: 'request failed: the URL is not a valid http(s) URL' });
    const body = Buffer.from(req.body);
    let settled = false;
    let client: ClientRequest | null = null;
    const done = (o: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client?.destroy();
      resolve(o);
    };
    const timer = setTimeout(
      () => done({ kind: 'error', message: `request failed: timed out after ${req.timeoutMs / 1000}s` }),
      req.timeoutMs,
    );
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    client = send(
      url,
      { method: 'POST', headers: { ...req.headers, 'Content-Length': String(body.length) } },
      (res) => readBody(res, done),
    );
    client.on('error', (e) => done({ kind: 'error', message: describe(e) }));
    client.end(body);
  });
