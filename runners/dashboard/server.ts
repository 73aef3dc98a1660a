// The dashboard server on node:http: static page, JSON API, Server-Sent Events and (when enabled)
// control. On a loopback address it answers only requests addressed to a loopback name, so a web
// page elsewhere cannot reach it through DNS rebinding (requests.ts answers each request).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Subscription } from 'rxjs';
import { apiPorts } from './api.js';
import { metricsPort } from './metrics.js';
import type { DashboardOptions, RunningDashboard } from './options.js';
import { handle, type Ctx } from './requests.js';
import { SseHub } from './sse.js';
import { coalesce } from '../../lib/dashboard/coalesce.js';
import { DirWatcher } from './dir-watcher.js';
import { changeSignals } from './watch.js';

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
  const ctx: Ctx = { o, api: apiPorts(o), hub, refresh, metrics: metricsPort(o) };
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
