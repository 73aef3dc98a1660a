// The sprite service's request handling over its answers ("handlers", built by the runner from the
// loop's files): authorization first (401, nothing read or run), then the route, then the handler.
// Only GET /healthz is answered without the token: it says the server is serving and reads nothing.
// The control body is capped (413, the connection closed) and an aborted body drops the connection.
import type { JsonAnswer, JsonHandler, JsonRequest } from '../io/http-server.js';
import { authorized, type AuthMode } from './service-auth.js';
import type { Query } from './service-request.js';
import { routeOf, serviceError, unauthorized, type ServiceError } from './service-routes.js';

/** The headers of a control request that travel into the run. */
export interface ControlHeaders {
  readonly key: string;
  readonly trace: string;
}

export interface ServiceHandlers {
  /** GET /metrics: the repository's loops as a Prometheus text exposition. */
  metrics(): Promise<JsonAnswer>;
  snapshot(q: Query, traceId: string): Promise<JsonAnswer>;
  events(q: Query, traceId: string): Promise<JsonAnswer>;
  control(body: string, h: ControlHeaders): Promise<JsonAnswer>;
}

export interface ServiceRules {
  readonly auth: AuthMode;
  readonly maxBodyBytes: number;
}

export const fromError = (e: ServiceError, close = false): JsonAnswer => ({
  status: e.status,
  body: e.body,
  ...(close ? { close } : {}),
});

const header = (req: JsonRequest, name: string): string => {
  const v = req.headers[name];
  return (typeof v === 'string' ? v : v?.[0]) ?? '';
};

const control = async (r: ServiceRules, h: ServiceHandlers, req: JsonRequest) => {
  const body = await req.body(r.maxBodyBytes);
  if (body.kind === 'too_large')
    return fromError(
      serviceError(413, 'payload_too_large', `request body exceeds ${r.maxBodyBytes} bytes`),
      true,
    );
  if (body.kind === 'aborted') return null;
  return h.control(body.text, {
    key: header(req, 'x-idempotency-key'),
    trace: header(req, 'x-trace-id').trim(),
  });
};

/** The service as a JSON handler: authorize, route, answer. */
export const serviceHandler =
  (r: ServiceRules, h: ServiceHandlers): JsonHandler =>
  async (req) => {
    if (req.method === 'GET' && req.pathname === '/healthz') return { status: 200, body: { ok: true } };
    const authorization = req.headers['authorization'];
    const auth = {
      authorization: typeof authorization === 'string' ? authorization : undefined,
      xOpsToken: header(req, 'x-ops-token') || undefined,
    };
    if (!authorized(r.auth, auth)) return fromError(unauthorized(), req.method === 'POST');
    const routed = routeOf(req.method, req.pathname);
    if (routed.kind === 'error') return fromError(routed.error);
    const trace = header(req, 'x-trace-id').trim();
    if (routed.route === 'healthz') return { status: 200, body: { ok: true } };
    if (routed.route === 'metrics') return h.metrics();
    if (routed.route === 'snapshot') return h.snapshot(req.query, trace);
    if (routed.route === 'events') return h.events(req.query, trace);
    return control(r, h, req);
  };

/** What a handler that threw answers (500 internal_error with its message). */
export const internalError = (err: unknown): JsonAnswer =>
  fromError(serviceError(500, 'internal_error', err instanceof Error ? err.message : String(err)));
