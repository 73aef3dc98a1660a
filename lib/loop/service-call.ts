// The pure parts of calling the sprite service (the reference service-client script): the request
// URL, the headers (the token as both `Authorization: Bearer` and `X-Ops-Token`, the trace id as
// `X-Trace-Id`), when to retry (no answer at all, or a transient status, until the attempts run out),
// the linear backoff (attempt × seconds), and the reference's failure line.
import { TRANSIENT_STATUSES } from './service-routes.js';

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

/** One exchange: the HTTP status, or null when no answer came (the body then says why). */
export type Once =
  { readonly status: number; readonly body: string } | { readonly status: null; readonly body: string };

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

/**
 * Pure: `text` with the credentials of every URL in it (`http://user:pass@host`) shown as `***`. The
 * URL as given is used for the request; only this form is ever printed or recorded.
 */
export const redactUrl = (text: string): string => text.replace(/\b(https?:\/\/)[^/@\s]*@/gi, '$1***@');

export const serviceUrl = (ep: ServiceEndpoint, call: ServiceCall): string =>
  `${ep.baseUrl.replace(/\/+$/, '')}${call.path}`;

export const requestHeaders = (ep: ServiceEndpoint, call: ServiceCall): Record<string, string> => {
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

export const isSuccess = (got: Once): got is { readonly status: number; readonly body: string } =>
  got.status !== null && got.status >= 200 && got.status < 300;

/**
 * Milliseconds to wait before the next attempt, or null to give up: a request that got no answer is
 * retried too (POST /ops/control carries an idempotency key, so a retry cannot act twice).
 */
export const retryWaitMs = (ep: ServiceEndpoint, got: Once, attempt: number): number | null => {
  const retryable = got.status === null || TRANSIENT_STATUSES.has(got.status);
  return attempt >= ep.retryAttempts || !retryable ? null : ep.retryBackoffSeconds * attempt * 1000;
};

const excerpt = (body: string): string => body.replace(/\r/g, '').split('\n').slice(-40).join('\n').trim();

export const httpFailure = (
  ep: ServiceEndpoint,
  call: ServiceCall,
  last: Once,
  attempts: number,
): HttpFailure => {
  const code = last.status === null ? '000' : String(last.status);
  return {
    status: last.status,
    body: last.body,
    attempts,
    message: `service request failed (method=${call.method} url=${redactUrl(serviceUrl(ep, call))} code=${code}): ${excerpt(last.body)}`,
  };
};
