// The sprite service's routes, as the reference service serves them: GET /healthz, GET /ops/snapshot,
// GET /ops/events, POST /ops/control; plus GET /metrics (Prometheus text); anything else is `not_found`. Errors share one body shape:
// `{ok: false, error: {code, message}}`. Pure.

export type Route = 'healthz' | 'metrics' | 'snapshot' | 'events' | 'control';

const table: Readonly<Record<string, readonly [string, Route]>> = {
  '/healthz': ['GET', 'healthz'],
  '/metrics': ['GET', 'metrics'],
  '/ops/snapshot': ['GET', 'snapshot'],
  '/ops/events': ['GET', 'events'],
  '/ops/control': ['POST', 'control'],
};

export interface ServiceError {
  readonly status: number;
  readonly body: { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };
}

/** Pure: the error response body the reference sends. */
export const serviceError = (status: number, code: string, message: string): ServiceError => ({
  status,
  body: { ok: false, error: { code, message } },
});

export const unauthorized = (): ServiceError => serviceError(401, 'unauthorized', 'missing or invalid token');

export type Routed =
  | { readonly kind: 'route'; readonly route: Route }
  | { readonly kind: 'error'; readonly error: ServiceError };

/** Pure: the route of a request, or the error to answer with. */
export const routeOf = (method: string, pathname: string): Routed => {
  if (method !== 'GET' && method !== 'POST')
    return { kind: 'error', error: serviceError(405, 'method_not_allowed', `method ${method} not allowed`) };
  const hit = Object.prototype.hasOwnProperty.call(table, pathname) ? table[pathname] : undefined;
  if (hit === undefined || hit[0] !== method)
    return { kind: 'error', error: serviceError(404, 'not_found', 'endpoint not found') };
  return { kind: 'route', route: hit[1] };
};

/**
 * Pure: the HTTP status of a control response, from the control's exit code: 0 → 200, 2 (ambiguous)
 * → 409 as the reference answers; a refusal → 422 (nothing ran, retrying cannot help); 75 (the loop's
 * lock is held) → 503, which the client retries; anything else → 500.
 */
export const controlHttpStatus = (exitCode: number, status: string): number => {
  if (status === 'refused') return 422;
  if (exitCode === 0) return 200;
  if (exitCode === 2) return 409;
  return exitCode === 75 ? 503 : 500;
};

/** Status codes the client retries (the reference client's list). */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 409, 425, 429, 500, 502, 503, 504]);
