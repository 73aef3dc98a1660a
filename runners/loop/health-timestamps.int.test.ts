// loop reconcile over a copy of fixtures/loop-manager whose last event carries a timestamp health
// cannot grade by age: the loop is reported degraded with the reason, never fresh, and escalated.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';

const asOf = '2026-02-22T12:00:00Z';
let work = '';
const loopDir = () => join(work, 'healthy', '.superloop');
const managerFile = (rel: string) => join(loopDir(), 'ops-manager', 'demo-loop', rel);
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/** Rewrites the timestamp of the events log's last record (the one health grades by age). */
const lastEventAt = (timestamp: string) => {
  const file = join(loopDir(), 'loops', 'demo-loop', 'events.jsonl');
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const last = { ...(JSON.parse(lines.pop() ?? '{}') as object), timestamp };
  writeFileSync(file, `${[...lines, JSON.stringify(last)].join('\n')}\n`);
};

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-health-ts-'));
  cpSync(new URL('../../fixtures/loop-manager', import.meta.url), work, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('given a last event whose timestamp cannot be graded', () => {
  it.each([
    ['not-a-date', 'ingest_timestamp_invalid', null],
    ['2026-02-30T11:59:00Z', 'ingest_timestamp_invalid', null],
    ['2099-01-01T00:00:00Z', 'ingest_timestamp_in_future', 0],
  ])('when the loop is reconciled with %j, then health is degraded with %s', async (at, code, lag) => {
    lastEventAt(at);
    const argv = ['loop', 'reconcile', '--repo', 'healthy', '--loop', 'demo-loop', '--as-of', asOf];
    const r = await runCaptured(commands, [...argv, '--alerts-enabled', 'false'], {
      cwd: work,
      env: {},
      now: () => Date.parse(asOf),
    });
    expect(r.code, r.stderr).toBe(0);
    const h = json(managerFile('health.json'));
    expect([h['status'], h['reasonCodes']]).toEqual(['degraded', [code]]);
    expect(h['metrics']).toMatchObject({ ingestLagSeconds: lag });
    const escalations = readFileSync(managerFile('escalations.jsonl'), 'utf8').trim().split('\n');
    expect(escalations.map((l) => JSON.parse(l) as Record<string, unknown>)).toMatchObject([
      { category: 'health_degraded', reasonCodes: [code], escalationAction: 'raise' },
    ]);
  });
});
