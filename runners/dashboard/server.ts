// The dashboard server on node:http: static page, JSON API, Server-Sent Events and (when enabled)
// control. On a loopback address it answers only requests addressed to a loopback name, so a web
// page elsewhere cannot reach it through DNS rebinding. Any failure inside a handler is a JSON error
// with its message, never a stack trace on the page.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Observable, Subscription } from 'rxjs';
import { hostAllowed } from '../../lib/dashboard/host-check.js';
import { routeOf, type Route } from '../../lib/dashboard/routes.js';
import {
  configAnswer,
  eventsAnswer,
  loopAnswer,
  loopsAnswer,
  viewAnswer,
  viewsAnswer,
  type ApiContext,
} from './api.js';
import { runControl, TOKEN_HEADER, type Answer, type ControlConfig } from './control.js';
import { MAX_BODY, readBody, send, sendAsset } from './http.js';
import type { Asset } from './static.js';
import { SseHub } from './sse.js';
import type { DashboardStore } from './store.js';
import { changeSignals, coalesce, DirWatcher, type WatchDir } from './watch.js';

export interface DashboardOptions extends Omit<ApiContext, 'controlEnabled' | 'controlTimeoutSeconds'> {
  readonly host: string;
  readonly port: number;
  readonly control: ControlConfig;
  readonly ticks: Observable<unknown>;
  readonly watchDir?: WatchDir;
  readonly assets: ReadonlyMap<string, Asset>;
  /** Where refresh failures are reported (stderr in the command). */
  readonly warn: (line: string) => void;
}

export interface RunningDashboard {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  readonly store: DashboardStore;
  /** Re-reads now and pushes any change (tests and control use it). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

interface Ctx {
  readonly o: DashboardOptions;
  readonly api: ApiContext;
  readonly hub: SseHub;
  readonly refresh: () => Promise<void>;
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

const answerOf = async (c: Ctx, r: Route, url: URL, req: http.IncomingMessage): Promise<Answer> => {
  if (r.kind === 'control') return control(c, r.loopId, req);
  await c.refresh();
  if (r.kind === 'config') return configAnswer(c.api);
  if (r.kind === 'loops') return loopsAnswer(c.api, url.searchParams);
  if (r.kind === 'loop') return loopAnswer(c.api, r.loopId);
  if (r.kind === 'events') return eventsAnswer(c.api, r.loopId, url.searchParams);
  if (r.kind === 'views') return viewsAnswer(c.api);
  if (r.kind === 'view') return viewAnswer(c.api, r.name);
  return { status: 404, body: { error: 'not found' } };
};

const handle = async (c: Ctx, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
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
  if (r.kind === 'index') return sendAsset(c.o.assets, 'index.html', res, method);
  if (r.kind === 'asset') return sendAsset(c.o.assets, r.name, res, method);
  if (r.kind === 'sse') return c.hub.add(res, { version: c.o.store.version });
  try {
    send(res, await answerOf(c, r, url, req), method);
  } catch (err) {
    send(res, { status: 500, body: { error: err instanceof Error ? err.message : String(err) } }, method);
  }
};

/** Starts the dashboard: first read, watchers, the polling clock, then listens. */
export const startDashboard = async (o: DashboardOptions): Promise<RunningDashboard> => {
  const hub = new SseHub();
  const watcher = new DirWatcher(o.watchDir);
  const refresh = coalesce(async () => {
    try {
      const change = await o.store.refresh();
      watcher.sync(o.store.watchDirs());
      if (change !== null) hub.broadcast('change', change);
    } catch (err) {
      o.warn(`warning: refresh failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  await refresh();
  const sub: Subscription = changeSignals(watcher, o.ticks).subscribe(() => void refresh());
  const api: ApiContext = {
    ...o,
    controlEnabled: o.control.tokenDigest !== null,
    controlTimeoutSeconds: o.control.timeoutSeconds,
  };
  const ctx: Ctx = { o, api, hub, refresh };
  const server = http.createServer((req, res) => void handle(ctx, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = o.host.includes(':') ? `[${o.host}]` : o.host;
  const close = async (): Promise<void> => {
    sub.unsubscribe();
    watcher.close();
    hub.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  return { url: `http://${shownHost}:${port}/`, port, server, store: o.store, refresh, close };
};
