// The shipped fixtures give the answers fixtures/alerts/README.md states, through the real commands,
// and the demo built on them tells the retry story without a duplicate.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';
import { alertsDemo } from './demo.js';

interface CatalogCase {
  catalog: string;
  errorLine: string | null;
  detail?: string;
  enabledSinkCount?: number;
}

const fixtures = new URL('../../fixtures/alerts/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(fixtures, 'manifest.json'), 'utf8')) as CatalogCase[];
const io = { cwd: fixtures, env: {}, now: () => Date.parse('2026-02-22T12:00:00Z') };

describe.each(manifest)('catalog $catalog', (c) => {
  it(
    c.errorLine === null ? `is valid with ${c.enabledSinkCount} enabled sinks` : `fails: ${c.errorLine}`,
    async () => {
      const r = await runCaptured(
        commands,
        ['alerts', 'sink-config', '--config-file', c.catalog, '--no-env-check'],
        io,
      );
      if (c.errorLine === null) {
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout).enabledSinkCount).toBe(c.enabledSinkCount);
      } else {
        const [line, detail] = r.stderr.split('\n');
        expect([r.code, line]).toEqual([1, `error: ${c.errorLine}`]);
        expect(detail).toContain(c.detail);
      }
    },
  );
});

describe('catalogs/disabled-route.json', () => {
  it('sends profile drift to the default webhook because its route is disabled', async () => {
    const argv = ['alerts', 'sink-config', '--config-file', 'catalogs/disabled-route.json', '--no-env-check'];
    const r = await runCaptured(commands, [...argv, '--category', 'profile_drift_detected'], io);
    expect(JSON.parse(r.stdout).dispatchableSinks.map((s: { id: string }) => s.id)).toEqual([
      'webhook-default',
    ]);
  });
});

describe('the alerts demo', () => {
  let work = '';
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'opsfold-alerts-demo-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('fails PagerDuty while it is down, delivers it on the next run, and acknowledges nothing twice', async () => {
    const text = await alertsDemo(io, work);
    const line = (label: string) => text.split('\n').find((l) => l.trimStart().startsWith(label)) ?? '';
    expect(line('health_critical routes to')).toContain('pagerduty-default, slack-default');
    expect(line('incident, PagerDuty down')).toMatch(
      /partial +processed 4 .* failed 1 .* pending 1 +codes http_error$/,
    );
    expect(line('incident, PagerDuty back')).toMatch(/success +processed 0 .* retried 1 +pending 0/);
    expect(line('bad-rows')).toMatch(
      /processed 5 .*skipped 2 +failed 3 .*codes invalid_escalation_json,missing_escalation_category,route_resolution_failed$/,
    );
    expect(text).toMatch(/ 5 acknowledged, 0 acknowledged twice/);
  });
});
