// `opsfold service-client` (the reference's ops-manager-service-client.sh): the flags checked in the
// reference's order with its `error:` wording. The retry loop is the sprite_service transport's own
// (callWithRetries in service-fetch.ts; the rules, URL, headers and failure line are service-call.ts's).
import * as E from 'fp-ts/lib/Either.js';
import type { ServiceCall, ServiceEndpoint } from './service-call.js';

/** The flags as given (undefined when absent). */
export interface ClientFlags {
  readonly method?: string;
  readonly baseUrl?: string;
  readonly path?: string;
  readonly token?: string;
  readonly traceId?: string;
  readonly bodyFile?: string;
  readonly retryAttempts?: string;
  readonly retryBackoffSeconds?: string;
  readonly connectTimeoutSeconds?: string;
  readonly maxTimeSeconds?: string;
}

/** What to send: the endpoint (maxTime 0: no deadline), the call without its body, and the body's file. */
export interface ClientPlan {
  readonly endpoint: ServiceEndpoint;
  readonly call: ServiceCall & { readonly method: 'GET' | 'POST' };
  readonly bodyFile: string | null;
  /** 0: no connect deadline. */
  readonly connectTimeoutMs: number;
}

const given = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);
const DIGITS = /^[0-9]+$/;

const methodOf = (raw: string | undefined): E.Either<string, 'GET' | 'POST'> => {
  if (given(raw) === null) return E.left('--method is required');
  return raw === 'GET' || raw === 'POST' ? E.right(raw) : E.left('--method must be GET or POST');
};

/** Attempts, backoff, connect and total deadlines (seconds), checked as the reference checks them. */
const numbersOf = (f: ClientFlags): E.Either<string, [number, number, number, number]> => {
  const raw = [
    f.retryAttempts ?? '3',
    f.retryBackoffSeconds ?? '1',
    f.connectTimeoutSeconds ?? '5',
    f.maxTimeSeconds ?? '30',
  ] as const;
  if (!DIGITS.test(raw[0]) || Number(raw[0]) < 1) return E.left('--retry-attempts must be an integer >= 1');
  if (!raw.slice(1).every((x) => DIGITS.test(x)))
    return E.left('timeout/backoff values must be non-negative integers');
  return E.right([Number(raw[0]), Number(raw[1]), Number(raw[2]), Number(raw[3])]);
};

/** Pure: the request the flags describe, or the reference's usage error line. */
export const planServiceClient = (f: ClientFlags): E.Either<string, ClientPlan> => {
  const method = methodOf(f.method);
  if (E.isLeft(method)) return method;
  const baseUrl = given(f.baseUrl);
  if (baseUrl === null) return E.left('--base-url is required');
  const path = given(f.path);
  if (path === null) return E.left('--path is required');
  const numbers = numbersOf(f);
  if (E.isLeft(numbers)) return numbers;
  const [attempts, backoff, connect, maxTime] = numbers.right;
  const bodyFile = given(f.bodyFile);
  if (method.right === 'POST' && bodyFile === null) return E.left('--body-file is required for POST');
  return E.right({
    endpoint: {
      baseUrl,
      token: given(f.token),
      timeoutMs: maxTime * 1000,
      retryAttempts: attempts,
      retryBackoffSeconds: backoff,
    },
    call: { method: method.right, path, traceId: given(f.traceId) },
    bodyFile,
    connectTimeoutMs: connect * 1000,
  });
};
