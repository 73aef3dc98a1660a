// Given the gate mode, the allowlist, the windows and the preflight facts, when the selected ticket comes
// to the gates, then it runs under the gate's mode or is stopped with the first failing gate as reason.
import { describe, expect, it } from 'vitest';
import type { ExecutionAllowlist } from './codecs-safety.js';
import { decideGates, type GateFacts } from './gates.js';

const allowlist: ExecutionAllowlist = {
  version: '1.0',
  allowed_request_types: ['REQUEST_REPORTS', 'REQUEST_TRADE'],
  rules: { REQUEST_TRADE: { requires_real: true } },
};
const facts = (over: Partial<GateFacts> = {}): GateFacts => ({
  requestType: 'REQUEST_REPORTS',
  mode: 'REAL',
  reportedMode: 'REAL',
  gateProblem: null,
  allowlist,
  allowlistProblem: null,
  activeWindowIds: ['w1', 'w2'],
  preflightFailures: [],
  ...over,
});

describe('in MOCK_ONLY and DRY_RUN through the built-in worker (nothing is executed)', () => {
  it.each(['MOCK_ONLY', 'DRY_RUN'] as const)(
    '%s runs the ticket without allowlist, window or preflight, as the origin does',
    (mode) => {
      const v = decideGates(
        facts({
          mode,
          reportedMode: mode,
          requestType: 'ACKNOWLEDGE',
          activeWindowIds: [],
          allowlist: null,
          preflightFailures: ['missing x'],
          executes: false,
        }),
      );
      expect([v.runAs, v.blockedBy, v.windowId]).toEqual([mode, [], null]);
    },
  );
});

describe('in MOCK_ONLY and DRY_RUN with a worker command (it runs, whatever the mode)', () => {
  const mock = { mode: 'MOCK_ONLY', reportedMode: 'MOCK_ONLY', activeWindowIds: [], executes: true } as const;
  it.each(['MOCK_ONLY', 'DRY_RUN'] as const)(
    'given %s and a type not on the allowlist, then ALLOWLIST_VIOLATION, recorded as the ticket’s own block',
    (mode) => {
      const v = decideGates(facts({ ...mock, mode, reportedMode: mode, requestType: 'ACKNOWLEDGE' }));
      expect([v.runAs, v.blockedBy, v.recordBlock]).toEqual([null, ['ALLOWLIST_VIOLATION'], true]);
    },
  );
  it('given no usable allowlist, then ALLOWLIST_VIOLATION and nothing recorded (the ticket waits)', () => {
    const v = decideGates(facts({ ...mock, allowlist: null, allowlistProblem: 'missing' }));
    expect([v.blockedBy, v.recordBlock]).toEqual([['ALLOWLIST_VIOLATION'], false]);
  });
  it('given an allowed type, then it runs without a window or preflight (those are REAL’s)', () => {
    const v = decideGates(facts({ ...mock, preflightFailures: ['missing x'] }));
    expect([v.runAs, v.blockedBy, v.windowId]).toEqual(['MOCK_ONLY', [], null]);
  });
  it('when the caller does not say whether something executes, then the allowlist applies', () => {
    const { executes: _, ...unsaid } = facts({ ...mock, requestType: 'ACKNOWLEDGE' });
    expect(decideGates(unsaid).blockedBy).toEqual(['ALLOWLIST_VIOLATION']);
  });
});

describe('a type whose rule requires REAL', () => {
  it('stops a type whose rule requires REAL with GATE_BLOCKED, recorded as the ticket’s own block', () => {
    const v = decideGates(
      facts({ mode: 'MOCK_ONLY', reportedMode: 'MOCK_ONLY', requestType: 'REQUEST_TRADE' }),
    );
    expect([v.runAs, v.blockedBy, v.recordBlock, v.detail]).toEqual([
      null,
      ['GATE_BLOCKED'],
      true,
      'GATE_BLOCKED: REQUEST_TRADE requires REAL execution; the gate is MOCK_ONLY',
    ]);
  });
});

describe('an invalid gate', () => {
  it('stops every ticket with GATE_BLOCKED and records nothing (the ticket is not at fault)', () => {
    const v = decideGates(
      facts({ mode: null, reportedMode: 'SHADOW', gateProblem: 'unknown mode "SHADOW"' }),
    );
    expect([v.runAs, v.blockedBy, v.recordBlock]).toEqual([null, ['GATE_BLOCKED'], false]);
  });
});

describe('in REAL', () => {
  it('runs an allowed type with an active window and passing preflight, handing over the first window', () => {
    const v = decideGates(facts());
    expect([v.runAs, v.blockedBy, v.windowId]).toEqual(['REAL', [], 'w1']);
  });
  it('stops a type the allowlist does not allow with ALLOWLIST_VIOLATION, recorded', () => {
    const v = decideGates(facts({ requestType: 'ACKNOWLEDGE' }));
    expect([v.blockedBy, v.recordBlock]).toEqual([['ALLOWLIST_VIOLATION'], true]);
  });
  it('stops every ticket with ALLOWLIST_VIOLATION when there is no usable allowlist, recording nothing', () => {
    const v = decideGates(
      facts({ allowlist: null, allowlistProblem: 'docs/contracts/execution_allowlist_v1.json not found' }),
    );
    expect([v.blockedBy, v.recordBlock]).toEqual([['ALLOWLIST_VIOLATION'], false]);
  });
  it('stops the ticket with WINDOW_NOT_ACTIVE when no window is active for its type', () => {
    const v = decideGates(facts({ activeWindowIds: [] }));
    expect([v.blockedBy, v.recordBlock]).toEqual([['WINDOW_NOT_ACTIVE'], true]);
  });
  it('stops the ticket with PREFLIGHT_FAIL when a path its rule names is missing', () => {
    const v = decideGates(
      facts({ preflightFailures: ['missing reports/phase_c/latest/recon_summary.json'] }),
    );
    expect([v.blockedBy, v.detail]).toEqual([
      ['PREFLIGHT_FAIL'],
      'PREFLIGHT_FAIL: preflight: missing reports/phase_c/latest/recon_summary.json',
    ]);
  });
  it('lists every failing gate in order; the first is the reason', () => {
    const v = decideGates(
      facts({ requestType: 'ACKNOWLEDGE', activeWindowIds: [], preflightFailures: ['missing a'] }),
    );
    expect(v.blockedBy).toEqual(['ALLOWLIST_VIOLATION', 'WINDOW_NOT_ACTIVE', 'PREFLIGHT_FAIL']);
  });
});
