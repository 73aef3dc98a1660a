// loop reconcile escalating ordering drift over a copy of fixtures/loop-manager: the runtime's events
// log shrinks under the manager (a rewrite), the pass replays from the start and finds the sequence
// went backwards; the escalation is raised once and resolved once when it clears.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';

const asOf = '2026-02-22T12:00:00Z';
let work = '';
const managerFile = (rel: string) => join(work, 'healthy', '.superloop', 'ops-manager', 'demo-loop', rel);
const eventsFile = () => join(work, 'healthy', '.superloop', 'loops', 'demo-loop', 'events.jsonl');
const reconcile = async (...more: string[]) => {
  const argv = ['loop', 'reconcile', '--repo', 'healthy', '--loop', 'demo-loop', '--as-of', asOf];
  const r = await runCaptured(commands, [...argv, '--alerts-enabled', 'false', ...more], {
    cwd: work,
    env: {},
    now: () => Date.parse(asOf),
  });
  expect(r.code, r.stderr).toBe(0);
};
const ordering = () =>
  readFileSync(managerFile('escalations.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e['category'] === 'ordering_drift_detected');

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-ordering-'));
  cpSync(new URL('../../fixtures/loop-manager', import.meta.url), work, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('given a reconciled loop whose events log is then rewritten shorter', () => {
  it('when reconciled from the start, then ordering drift is raised once and resolved once when it clears', async () => {
    await reconcile('--trace-id', 'trace-before');
    writeFileSync(eventsFile(), `${readFileSync(eventsFile(), 'utf8').split('\n')[0]}\n`);
    await reconcile('--from-start', '--trace-id', 'trace-drift');
    expect(ordering()).toMatchObject([
      {
        category: 'ordering_drift_detected',
        loopId: 'demo-loop',
        traceId: 'trace-drift',
        reasonCode: 'ordering_drift_detected',
        escalationAction: 'raise',
        sequenceStateFile: managerFile('sequence-state.json'),
        sequence: {
          status: 'ordering_drift_detected',
          driftActive: true,
          snapshot: { regressed: true, monotonic: false },
          events: { previousLast: expect.any(Number), monotonicAcrossBatches: false },
        },
      },
    ]);
    // The next pass compares with the rewritten log: the drift has cleared.
    await reconcile('--from-start', '--trace-id', 'trace-clear');
    await reconcile('--trace-id', 'trace-quiet');
    expect(ordering()).toMatchObject([
      { escalationAction: 'raise' },
      { escalationAction: 'resolve', traceId: 'trace-clear' },
    ]);
    expect(ordering()).toHaveLength(2);
  });
});
