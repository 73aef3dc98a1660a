// Test helpers for the dashboard: a fixture tree copied to a temp dir, the real command started on
// 127.0.0.1 port 0 in-process (with an injected polling clock), HTTP and SSE clients.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { runCaptured, type Ran } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { domainEdges } from '../domain-edges.js';
import { loopSteps } from '../loop-steps.js';
import { makeDashboard } from './dashboard.js';
import type { RunningDashboard } from './options.js';
import type { WatchDir } from './dir-watcher.js';

export const AS_OF = '2026-02-22T12:00:00Z';

/**
 * A fresh copy of a fixture tree (a path under fixtures/, e.g. 'dashboard/three-loops'); with `stable`,
 * at <tmp>/opsfold-dashboard-e2e/<stable> so the page (and its screenshots) show the same path each run.
 */
export const copyFixture = (name: string, stable?: string): string => {
  const dir =
    stable === undefined
      ? join(mkdtempSync(join(tmpdir(), 'opsfold-dash-')), 'repo')
      : join(tmpdir(), 'opsfold-dashboard-e2e', stable);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(packageRoot(), 'fixtures', name), dir, { recursive: true });
  return dir;
};

export interface Started {
  readonly d: RunningDashboard;
  readonly url: string;
  /** Push to poll now (the injected polling clock). */
  readonly tick: () => void;
  /** Stops the server; resolves to what the command printed and its exit code. */
  stop(): Promise<Ran>;
}

export interface StartOptions {
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** false: no fs.watch, only the polling clock (the fallback path). */
  readonly watch?: boolean;
}

const noWatch: WatchDir = () => null;

/** Starts `opsfold dashboard --repo <repo> --port 0 --as-of AS_OF [args]` in-process. */
export const start = async (repo: string, o: StartOptions = {}): Promise<Started> => {
  const ticks = new Subject<void>();
  let listening!: (d: RunningDashboard) => void;
  const ready = new Promise<RunningDashboard>((resolve) => (listening = resolve));
  const cmd = makeDashboard({
    loop: loopSteps(async () => undefined),
    domains: domainEdges,
    commands: async () => (await import('../commands.js')).commands,
    ticks: () => ticks,
    watchDir: o.watch === false ? noWatch : undefined,
    onListening: (d) => listening(d),
  });
  const argv = ['dashboard', '--repo', repo, '--port', '0', '--as-of', AS_OF, ...(o.args ?? [])];
  const done = runCaptured([cmd], argv, { cwd: repo, env: o.env ?? {}, now: () => Date.parse(AS_OF) });
  const d = await Promise.race([
    ready,
    done.then((r) => {
      throw new Error(`dashboard exited ${r.code}: ${r.stderr}`);
    }),
  ]);
  return {
    d,
    url: d.url,
    tick: () => ticks.next(),
    stop: async () => {
      await d.close();
      return done;
    },
  };
};

export interface Got {
  readonly status: number;
  readonly json: Record<string, unknown>;
  readonly headers: Headers;
}

/** GET a path of the dashboard, parsed as JSON. */
export const get = async (s: Started, path: string, headers: Record<string, string> = {}): Promise<Got> => {
  const res = await fetch(new URL(path, s.url), { headers });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
};

/** POST JSON to a path of the dashboard. */
export const post = async (s: Started, path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(new URL(path, s.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

export interface SseClient {
  /** The data of the next event named `name` (waits as long as the test allows). */
  next(name: string): Promise<unknown>;
  close(): void;
}

/** Opens /api/events and parses the stream into named events. */
export const sse = async (s: Started): Promise<SseClient> => {
  const abort = new AbortController();
  const res = await fetch(new URL('/api/events', s.url), { signal: abort.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const queue: { event: string; data: unknown }[] = [];
  let buf = '';
  const pull = async (): Promise<void> => {
    const { value, done } = await reader.read();
    if (done) throw new Error('event stream closed');
    buf += decoder.decode(value, { stream: true });
    for (let i = buf.indexOf('\n\n'); i !== -1; i = buf.indexOf('\n\n')) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event !== undefined && data !== undefined) queue.push({ event, data: JSON.parse(data) as unknown });
    }
  };
  return {
    async next(name) {
      for (;;) {
        const i = queue.findIndex((e) => e.event === name);
        if (i !== -1) return queue.splice(i, 1)[0]?.data;
        await pull();
      }
    },
    close: () => abort.abort(),
  };
};
