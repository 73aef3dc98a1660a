import { describe, expect, it } from 'vitest';
import { ALLOWED_CROSS_DOMAIN, checkDomains, crossDomainImports, runnerDomainOf } from './domain-imports.js';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('runnerDomainOf', () => {
  it('names the folder under runners/, and nothing for the shared CLI, top-level runners and lib', () => {
    expect(runnerDomainOf('runners/loop/reconcile/pass.ts')).toBe('loop');
    expect(runnerDomainOf('runners/cli/errors.ts')).toBeNull();
    expect(runnerDomainOf('runners/demo.ts')).toBeNull();
    expect(runnerDomainOf('lib/alerts/send.ts')).toBeNull();
  });
});

describe('crossDomainImports', () => {
  it('finds a runner importing another domain runner, not lib, the CLI or its own domain', () => {
    const g = graph({
      'runners/harness/alert-sink.ts': [
        'runners/alerts/send.ts',
        'runners/harness/sink.ts',
        'runners/cli/run-clock.ts',
        'lib/alerts/send.ts',
      ],
      'runners/demo.ts': ['runners/alerts/demo.ts'],
    });
    expect(crossDomainImports(g)).toEqual([['runners/harness/alert-sink.ts', 'runners/alerts/send.ts']]);
  });

  it('lets tests and test kits reach across domains', () => {
    const g = graph({
      'runners/loop/reconcile.int.test.ts': ['runners/alerts/receiver.ts'],
      'runners/fleet/fleet-test-kit.ts': ['runners/loop/transport/server.ts'],
      'runners/dashboard/browser-kit.ts': ['runners/loop/control.ts'],
      'runners/fleet/promotion-test-fixtures.ts': ['runners/loop/control.ts'],
    });
    expect(crossDomainImports(g)).toEqual([]);
  });
});

describe('checkDomains', () => {
  const g = graph({ 'runners/fleet/reconcile-loop.ts': ['runners/loop/reconcile/pass.ts'] });

  it('refuses a cross-domain import the allowlist does not name', () => {
    expect(checkDomains(g, []).refused).toEqual([
      ['runners/fleet/reconcile-loop.ts', 'runners/loop/reconcile/pass.ts'],
    ]);
  });

  it('accepts an allowlisted one, and reports an entry whose import is gone so the list shrinks', () => {
    const allowed = [
      ['runners/fleet/reconcile-loop.ts', 'runners/loop/reconcile/pass.ts'],
      ['runners/dashboard/control.ts', 'runners/loop/control.ts'],
    ] as const;
    expect(checkDomains(g, allowed)).toEqual({
      refused: [],
      stale: [['runners/dashboard/control.ts', 'runners/loop/control.ts']],
    });
  });

  it('allowlists only imports of the loop runners, which wait for their move into lib/loop', () => {
    expect(ALLOWED_CROSS_DOMAIN.every(([, to]) => runnerDomainOf(to) === 'loop')).toBe(true);
  });
});
