// GET /metrics and GET /healthz on the real dashboard over a repository written for the test: the
// exposition is parsed and every loop's samples are checked, read-only and with control enabled.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExposition, sampleValue } from '../../lib/io/prometheus-text.test-kit.js';
import { METRICS_REPO_EXPECTED as X, writeMetricsRepo } from '../loop/metrics-repo.test-kit.js';
import { start, type Started } from './test-kit.js';

const TOKEN = 'dash-metrics-7f01';
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

const started = async (control: boolean): Promise<Started> => {
  const root = mkdtempSync(join(tmpdir(), 'opsfold-dash-metrics-'));
  writeMetricsRepo(root);
  const s = await start(root, control ? { args: ['--control-token-env', 'T'], env: { T: TOKEN } } : {});
  cleanup.push(async () => rmSync(root, { recursive: true, force: true }), s.stop);
  return s;
};

const scrape = async (s: Started, headers: Record<string, string> = {}) => {
  const r = await fetch(new URL('/metrics', s.url), { headers });
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
};

const expectLoops = (text: string) => {
  const p = parseExposition(text);
  const a = { loop: 'alpha' };
  expect(sampleValue(p, 'opsfold_loops')).toBe(2);
  expect(sampleValue(p, 'opsfold_loop_lifecycle', { ...a, state: X.alpha.lifecycle })).toBe(1);
  expect(p.samples.filter((s) => s.name === 'opsfold_loop_lifecycle' && s.value === 1).length).toBe(2);
  expect(sampleValue(p, 'opsfold_loop_lifecycle', { loop: 'beta', state: X.beta.lifecycle })).toBe(1);
  expect(sampleValue(p, 'opsfold_loop_health_severity', a)).toBe(X.alpha.severity);
  expect(sampleValue(p, 'opsfold_loop_ingest_lag_seconds', a)).toBe(X.alpha.lagSeconds);
  expect(sampleValue(p, 'opsfold_loop_escalations_open', a)).toBe(X.alpha.escalationsOpen);
  expect(sampleValue(p, 'opsfold_loop_reconcile_duration_seconds', a)).toBe(X.alpha.durationSeconds);
  expect(sampleValue(p, 'opsfold_loop_health_severity', { loop: 'beta' })).toBeUndefined();
  expect([...p.type.values()].every((t) => t === 'gauge')).toBe(true);
};

describe('GET /metrics on the dashboard', () => {
  it('read-only: serves the loops like the rest of the read API', async () => {
    const r = await scrape(await started(false));
    expect([r.status, r.type]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8']);
    expectLoops(r.text);
  });
  it('with control enabled: 401 without the token or with a wrong one, the loops with it', async () => {
    const s = await started(true);
    expect((await scrape(s)).status).toBe(401);
    expect((await scrape(s, { Authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await scrape(s, { 'X-Opsfold-Token': 'nope' })).status).toBe(401);
    const both: Record<string, string>[] = [
      { Authorization: `Bearer ${TOKEN}` },
      { 'X-Opsfold-Token': TOKEN },
    ];
    for (const h of both) {
      const r = await scrape(s, h);
      expect(r.status).toBe(200);
      expectLoops(r.text);
    }
  });
  it('refuses a Host that is not a loopback name, as every other route does', async () => {
    const s = await started(false);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(new URL('/metrics', s.url), { headers: { Host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    expect(status).toBe(421);
  });
});

describe('GET /healthz on the dashboard', () => {
  it('answers 200 {"ok":true} without a token, control enabled or not', async () => {
    for (const control of [false, true]) {
      const r = await fetch(new URL('/healthz', (await started(control)).url));
      expect([r.status, await r.text()]).toEqual([200, '{"ok":true}']);
    }
  });
});
