// Answering one request: the Host check, routing, the static page, Server-Sent Events, the JSON API
// and control. Any failure inside a handler is a JSON error with its message, never a stack trace.
import type * as http from 'node:http';
import { hostAllowed } from '../../lib/dashboard/host-check.js';
import { routeOf, type Route } from '../../lib/dashboard/routes.js';
import { apiAnswer, type Answer, type ApiPorts } from '../../lib/dashboard/api.js';
import { runControl, TOKEN_HEADER } from './control.js';
import { MAX_BODY, readBody, send, sendAsset, sendText } from './http.js';
import type { MetricsPort } from './metrics.js';
import type { DashboardOptions } from './options.js';
import type { SseHub } from './sse.js';

export interface Ctx {
  readonly o: DashboardOptions;
  readonly api: ApiPorts;
  readonly hub: SseHub;
  readonly refresh: () => Promise<void>;
  readonly metrics: MetricsPort;
}

const control = async (c: Ctx, loopId: string, req: http.IncomingMessage): Promise<Answer> => {
  const body = await readBody(req);
  if (body === null) return { status: 413, body: { error: `request body exceeds ${MAX_BODY} bytes` } };
  if (c.o.store.model(loopId) === undefined)
    return { status: 404, body: { error: `no such loop: ${loopId}` } };
  const h = req.headers[TOKEN_HEADER];
  const answer = await runControl(c.o.control, loopId, (Array.isArray(h) ? h[0] : h) ?? '', body);
  await c.refresh();
  return answer;
};

const scrape = async (c: Ctx, req: http.IncomingMessage, res: http.ServerResponse, method: string) => {
  if (!c.metrics.allowed(req.headers))
    return send(res, { status: 401, body: { error: 'missing or invalid token' } }, method);
  await c.refresh();
  return sendText(res, await c.metrics.render(), method);
};

const answerOf = async (c: Ctx, r: Route, url: URL, req: http.IncomingMessage): Promise<Answer> => {
  if (r.kind === 'control') return control(c, r.loopId, req);
  await c.refresh();
  return apiAnswer(c.api, r, url.searchParams);
};

export const handle = async (c: Ctx, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
  const method = req.method ?? 'GET';
  if (!hostAllowed(c.o.host, req.headers.host))
    return send(
      res,
      { status: 421, body: { error: 'requests must address this host by a loopback name' } },
      method,
    );
  const url = new URL(req.url ?? '/', 'http://dashboard.invalid');
  const r = routeOf(method, url.pathname);
  if (r.kind === 'method_not_allowed') {
    res.setHeader('Allow', r.allow);
    return send(res, { status: 405, body: { error: `method ${method} not allowed` } }, method);
  }
  if (r.kind === 'healthz') return send(res, { status: 200, body: { ok: true } }, method);
  if (r.kind === 'index') return sendAsset(c.o.assets, 'index.html', res, method);
  if (r.kind === 'asset') return sendAsset(c.o.assets, r.name, res, method);
  if (r.kind === 'sse') return c.hub.add(res, { version: c.o.store.version });
  try {
    if (r.kind === 'metrics') return await scrape(c, req, res, method);
    send(res, await answerOf(c, r, url, req), method);
  } catch (err) {
    send(res, { status: 500, body: { error: err instanceof Error ? err.message : String(err) } }, method);
  }
};
