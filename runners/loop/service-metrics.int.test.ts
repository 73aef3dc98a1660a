// GET /metrics and GET /healthz on the real service (a socket on 127.0.0.1, port 0) over a repository
// written for the test: the exposition is parsed and every loop's samples are checked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExposition, sampleValue } from '../../lib/io/prometheus-text.test-kit.js';
import { builtinExecutor } from './transport/executor.js';
import { startService, type RunningService } from './transport/server.js';
import { tokenAuth } from './transport/token.js';
import { METRICS_REPO_EXPECTED as X, writeMetricsRepo } from './metrics-repo.test-kit.js';

const TOKEN = 'metrics-token-9c2e';
let repo = '';
let svc: RunningService | null = null;

beforeEach(async () => {
  repo = mkdtempSync(join(tmpdir(), 'opsfold-service-metrics-'));
  writeMetricsRepo(repo);
  svc = await startService({
    repo,
    stateDir: undefined,
    host: '127.0.0.1',
    port: 0,
    auth: tokenAuth(TOKEN),
    maxBodyBytes: 4096,
    now: () => Date.parse('2026-02-22T12:00:00Z'),
    sleep: async () => undefined,
    executorFor: (p) => builtinExecutor(p),
    defaultBy: 'svc',
    timeoutSeconds: 0,
    intervalSeconds: 2,
  });
});
afterEach(async () => {
  await svc?.close();
  rmSync(repo, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${svc?.url}${path}`, { headers }).then(async (r) => ({
    status: r.status,
    type: r.headers.get('content-type'),
    text: await r.text(),
  }));

describe('GET /metrics on the service', () => {
  it('answers 401 without the token, and reads nothing', async () => {
    const r = await get('/metrics');
    expect([r.status, JSON.parse(r.text)]).toEqual([
      401,
      { ok: false, error: { code: 'unauthorized', message: 'missing or invalid token' } },
    ]);
  });
  it('gives each loop its lifecycle, health severity, ingest lag, open escalations and reconcile duration', async () => {
    const both: Record<string, string>[] = [{ Authorization: `Bearer ${TOKEN}` }, { 'X-Ops-Token': TOKEN }];
    for (const headers of both) {
      const r = await get('/metrics', headers);
      expect([r.status, r.type]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8']);
      const p = parseExposition(r.text);
      const a = { loop: 'alpha' };
      expect(sampleValue(p, 'opsfold_loops')).toBe(2);
      expect(sampleValue(p, 'opsfold_loop_lifecycle', { ...a, state: X.alpha.lifecycle })).toBe(1);
      expect(sampleValue(p, 'opsfold_loop_lifecycle', { ...a, state: 'stopped' })).toBe(0);
      expect(sampleValue(p, 'opsfold_loop_lifecycle', { loop: 'beta', state: X.beta.lifecycle })).toBe(1);
      expect(sampleValue(p, 'opsfold_loop_health_severity', a)).toBe(X.alpha.severity);
      expect(sampleValue(p, 'opsfold_loop_ingest_lag_seconds', a)).toBe(X.alpha.lagSeconds);
      expect(sampleValue(p, 'opsfold_loop_escalations_open', a)).toBe(X.alpha.escalationsOpen);
      expect(sampleValue(p, 'opsfold_loop_reconcile_duration_seconds', a)).toBe(X.alpha.durationSeconds);
      const beta = p.samples.filter(
        (s) => s.labels['loop'] === 'beta' && s.name !== 'opsfold_loop_lifecycle',
      );
      expect(beta.map((s) => [s.name, s.value])).toEqual([['opsfold_loop_escalations_open', 0]]);
      expect([...p.type.values()].every((t) => t === 'gauge')).toBe(true);
    }
  });
});

describe('GET /healthz on the service', () => {
  it('answers 200 {"ok":true} without a token', async () => {
    const r = await get('/healthz');
    expect([r.status, r.text]).toEqual([200, '{"ok":true}']);
  });
});
