// The sprite service client (the reference service-client script): the token as both
// `Authorization: Bearer` and `X-Ops-Token`, the trace id as `X-Trace-Id`, a per-request timeout, and
// retries with linear backoff (attempt × --retry-backoff-seconds) on the reference's transient statuses.
// Unlike the reference, a request that got no answer at all (refused connection, socket closed
// mid-request, timeout) is retried too: POST /ops/control carries an idempotency key, so a retry
// cannot act twice. Sleep is injected.
import * as E from 'fp-ts/lib/Either.js';
import * as http from 'node:http';
import * as https from 'node:https';
import { TRANSIENT_STATUSES } from '../../../lib/loop/service-routes.js';
import type { Sleep } from '../../cli/run-clock.js';

export interface ServiceEndpoint {
  readonly baseUrl: string;
  /** The shared token; null sends no auth headers. Never logged. */
  readonly token: string | null;
  readonly timeoutMs: number;
  readonly retryAttempts: number;
  readonly retryBackoffSeconds: number;
}

export interface ServiceCall {
  readonly method: 'GET' | 'POST';
  /** Path and query, e.g. `/ops/events?loopId=demo&cursor=0`. */
  readonly path: string;
  readonly body?: string;
  readonly traceId?: string | null;
  readonly idempotencyKey?: string | null;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  readonly attempts: number;
}

/** No 2xx answer: `status` is the last HTTP status, or null when no answer came at all. */
export interface HttpFailure {
  readonly status: number | null;
  readonly body: string;
  readonly attempts: number;
  /** The reference's line: `service request failed (method=M url=U code=C): <excerpt>`. */
  readonly message: string;
}

const headersOf = (ep: ServiceEndpoint, call: ServiceCall): Record<string, string> => {
  const h: Record<string, string> = { Accept: 'application/json' };
  if (ep.token !== null && ep.token !== '') {
    h['Authorization'] = `Bearer ${ep.token}`;
    h['X-Ops-Token'] = ep.token;
  }
  if (call.traceId) h['X-Trace-Id'] = call.traceId;
  if (call.idempotencyKey) h['X-Idempotency-Key'] = call.idempotencyKey;
  if (call.body !== undefined) {
    h['Content-Type'] = 'application/json';
    h['Content-Length'] = String(Buffer.byteLength(call.body));
  }
  return h;
};

type Once =
  { readonly status: number; readonly body: string } | { readonly status: null; readonly body: string };

/** One request; never rejects: a transport error is `{status: null, body: <reason>}`. */
export const requestOnce = (ep: ServiceEndpoint, call: ServiceCall): Promise<Once> =>
  new Promise((settle) => {
    // The timeout bounds the whole exchange (curl --max-time), not only an idle socket.
    const timer: { id?: ReturnType<typeof setTimeout> } = {};
    const resolve = (o: Once) => {
      clearTimeout(timer.id);
      settle(o);
    };
    let url: URL;
    try {
      url = new URL(`${ep.baseUrl.replace(/\/+$/, '')}${call.path}`);
    } catch (err) {
      resolve({ status: null, body: `invalid service URL: ${(err as Error).message}` });
      return;
    }
    const lib = url.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    try {
      req = lib.request(url, { method: call.method, headers: headersOf(ep, call) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (err) => resolve({ status: null, body: err.message }));
        // A socket closed mid-answer may end the response without 'end' or 'error'.
        res.on('close', () =>
          resolve({ status: null, body: 'connection closed before the answer was complete' }),
        );
      });
    } catch (err) {
      resolve({ status: null, body: (err as Error).message });
      return;
    }
    timer.id = setTimeout(() => req.destroy(new Error(`no answer within ${ep.timeoutMs} ms`)), ep.timeoutMs);
    req.on('error', (err) => resolve({ status: null, body: err.message }));
    req.end(call.body);
  });

const excerpt = (body: string): string => body.replace(/\r/g, '').split('\n').slice(-40).join('\n').trim();

const failure = (ep: ServiceEndpoint, call: ServiceCall, last: Once, attempts: number): HttpFailure => {
  const url = `${ep.baseUrl.replace(/\/+$/, '')}${call.path}`;
  const code = last.status === null ? '000' : String(last.status);
  return {
    status: last.status,
    body: last.body,
    attempts,
    message: `service request failed (method=${call.method} url=${url} code=${code}): ${excerpt(last.body)}`,
  };
};

/** Calls the service with retries; Right on a 2xx answer, Left with the last answer otherwise. */
export const callService = async (
  ep: ServiceEndpoint,
  call: ServiceCall,
  sleep: Sleep,
): Promise<E.Either<HttpFailure, HttpAnswer>> => {
  for (let attempt = 1; ; attempt += 1) {
    const got = await requestOnce(ep, call);
    if (got.status !== null && got.status >= 200 && got.status < 300)
      return E.right({ status: got.status, body: got.body, attempts: attempt });
    const retryable = got.status === null || TRANSIENT_STATUSES.has(got.status);
    if (attempt >= ep.retryAttempts || !retryable) return E.left(failure(ep, call, got, attempt));
    const wait = ep.retryBackoffSeconds * attempt * 1000;
    if (wait > 0) await sleep(wait);
  }
};
