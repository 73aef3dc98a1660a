// The README's one-example-per-domain section: each example is a file here, shown verbatim in the
// README, and run against the built package (`opsfold/<domain>` resolves to this package).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const EXPECTED: Record<string, unknown> = {
  'loop-lifecycle.mjs': {
    value: 'complete',
    reasons: ['summary_completion_ok'],
    asOf: '2026-02-22T12:00:00Z',
  },
  'alerts-config.mjs': {
    errorLine: 'alert sink config sink definitions are invalid',
    detail: '$.sinks["hook"].type: expected webhook, slack or pagerduty_events',
  },
  'fleet-cohort.mjs': ['bravo', 'echo'],
  'harness-routing.mjs': expect.arrayContaining(['$.incidents: no incident routes to layer 0 (task_md_sha)']),
  'queue-decide.mjs': {
    id: 'Q-1',
    status: 'BLOCKED',
    from: { status: 'PENDING', notes: '' },
    to: { status: 'BLOCKED', notes: 'cancelled_by_operator' },
  },
  'cycle-gates.mjs': expect.objectContaining({
    runAs: null,
    blockedBy: ['ALLOWLIST_VIOLATION', 'WINDOW_NOT_ACTIVE'],
  }),
  'runbook-policy.mjs': expect.objectContaining({
    decision: 'deny',
    rule: 'deny_if_contains',
    matched: 'rm -rf',
  }),
  'dashboard-route.mjs': [{ kind: 'index' }, { kind: 'loop', loopId: 'demo' }, { kind: 'not_found' }],
};

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README library examples, one per domain', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    const file = new URL(`./${name}`, import.meta.url);
    it(`${name} is in the README verbatim and prints its decision`, () => {
      expect(readme).toContain(readFileSync(file, 'utf8').trim());
      const out = execFileSync(process.execPath, [file.pathname], { encoding: 'utf8' });
      expect(JSON.parse(out)).toEqual(expected);
    });
  }
});
