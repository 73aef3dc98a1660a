// The sprite service on node:http: authorization first (401, nothing read or run), then the route,
// then the handler. Bodies are capped (413) and must be JSON (400). Answers are compact JSON, as the
// reference service sends them.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorized, type AuthMode } from '../../../lib/loop/service-auth.js';
import { routeOf, serviceError, unauthorized } from '../../../lib/loop/service-routes.js';
import type { Query } from '../../../lib/loop/service-request.js';
import { readBody } from './server-body.js';
import { eventsAnswerOf, snapshotAnswer, type Answer, type HandlerContext } from './server-handlers.js';
import { controlAnswer } from './server-control.js';

export interface ServiceOptions extends HandlerContext {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly auth: AuthMode;
  readonly maxBodyBytes: number;
}

export interface RunningService {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  close(): Promise<void>;
}

const send = (res: http.ServerResponse, a: Answer, close = false): void => {
  const body = Buffer.from(JSON.stringify(a.body));
  res.writeHead(a.status, {
    'Content-Type': 'application/json',
    'Content-Length': String(body.length),
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(body);
};

const header = (req: http.IncomingMessage, name: string): string => {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};

const queryOf = (url: URL): Query => {
  const q: Record<string, string | undefined> = {};
  for (const k of new Set(url.searchParams.keys()))
    Object.defineProperty(q, k, { value: url.searchParams.get(k) ?? undefined, enumerable: true });
  return q;
};

const control = async (o: ServiceOptions, req: http.IncomingMessage, res: http.ServerResponse) => {
  const body = await readBody(req, o.maxBodyBytes);
  if (body.kind === 'too_large') {
    const e = serviceError(413, 'payload_too_large', `request body exceeds ${o.maxBodyBytes} bytes`);
    return send(res, { status: e.status, body: e.body }, true);
  }
  if (body.kind === 'aborted') return res.destroy();
  const h = { key: header(req, 'x-idempotency-key'), trace: header(req, 'x-trace-id').trim() };
  return send(res, await controlAnswer(o, body.text, h));
};

const handle = async (o: ServiceOptions, req: http.IncomingMessage, res: http.ServerResponse) => {
  const auth = {
    authorization: req.headers.authorization,
    xOpsToken: header(req, 'x-ops-token') || undefined,
  };
  if (!authorized(o.auth, auth)) {
    const e = unauthorized();
    return send(res, { status: e.status, body: e.body }, req.method === 'POST');
  }
  const url = new URL(req.url ?? '/', 'http://service.invalid');
  const routed = routeOf(req.method ?? '', url.pathname);
  if (routed.kind === 'error') return send(res, { status: routed.error.status, body: routed.error.body });
  const trace = header(req, 'x-trace-id').trim();
  if (routed.route === 'healthz') return send(res, { status: 200, body: { ok: true } });
  if (routed.route === 'snapshot') return send(res, await snapshotAnswer(o, queryOf(url), trace));
  if (routed.route === 'events') return send(res, await eventsAnswerOf(o, queryOf(url), trace));
  return control(o, req, res);
};

/** Starts the service; resolves once it listens. */
export const startService = (o: ServiceOptions): Promise<RunningService> =>
  new Promise((resolve, reject) => {
    const server = http.createServer((req, res) => {
      handle(o, req, res).catch((err: unknown) => {
        if (res.headersSent) return res.destroy();
        const e = serviceError(500, 'internal_error', err instanceof Error ? err.message : String(err));
        return send(res, { status: e.status, body: e.body });
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
