// What one delivery attempt to a sink came to, in the reference's shape
// ({status, httpStatus, reasonCode, message}), and whether trying again within the run can help.
import { isObject } from './json.js';
import { redact } from './redact.js';
import type { SinkReasonCode } from './reason-codes.js';

export interface SinkResult {
  readonly status: 'success' | 'failed';
  readonly httpStatus: number | null;
  readonly reasonCode: SinkReasonCode | null;
  readonly message: string | null;
}

/** What a transport reports: a response (any status) or a request that did not complete. */
export type HttpOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  | { readonly kind: 'error'; readonly message: string };

export interface Classified {
  readonly result: SinkResult;
  /** A timeout, a refused connection, 408, 429 or 5xx: worth another attempt after a backoff. */
  readonly retryable: boolean;
}

/** Pure: the reference's message excerpt: newlines as spaces, at most 300 characters, secrets removed. */
export const excerpt = (text: string, secrets: readonly string[]): string | null => {
  const flat = redact(text.replace(/\n+$/, ''), secrets).replace(/\n/g, ' ').slice(0, 300);
  return flat.length > 0 ? flat : null;
};

/** Pure: a failed result with no HTTP status. */
export const failed = (reasonCode: SinkReasonCode, message: string | null): SinkResult => ({
  status: 'failed',
  httpStatus: null,
  reasonCode,
  message,
});

const isOutcome = (o: unknown): o is HttpOutcome =>
  isObject(o) &&
  ((o['kind'] === 'response' &&
    typeof o['status'] === 'number' &&
    Number.isInteger(o['status']) &&
    typeof o['body'] === 'string') ||
    (o['kind'] === 'error' && typeof o['message'] === 'string'));

const RETRY_STATUS = new Set([408, 429]);

/** Pure: classifies a transport's answer; anything that is not an HttpOutcome is `invalid_sink_result`. */
export const classifyOutcome = (o: unknown, secrets: readonly string[]): Classified => {
  if (!isOutcome(o)) return { result: failed('invalid_sink_result', null), retryable: false };
  if (o.kind === 'error')
    return { result: failed('request_failed', excerpt(o.message, secrets)), retryable: true };
  const message = excerpt(o.body, secrets);
  if (o.status >= 200 && o.status < 300)
    return {
      result: { status: 'success', httpStatus: o.status, reasonCode: null, message },
      retryable: false,
    };
  return {
    result: { status: 'failed', httpStatus: o.status, reasonCode: 'http_error', message },
    retryable: o.status >= 500 || RETRY_STATUS.has(o.status),
  };
};

/** Pure: the backoff before attempt `n` (2, 3, …): base × 2^(n-2) milliseconds. */
export const backoffMs = (baseSeconds: number, attempt: number): number =>
  Math.round(baseSeconds * 1000 * 2 ** Math.max(0, attempt - 2));
