import { describe, expect, it } from 'vitest';
import { lifecycleOf, type LoopFacts } from './lifecycle.js';

const asOf = '2026-02-22T12:00:00Z';
const base: LoopFacts = {
  loopId: 'demo',
  approvalStatus: null,
  summaryPresent: false,
  completionOk: false,
  statePresent: false,
  stateActive: false,
  stateInactive: true,
  stateLoopId: null,
  lastEventName: '',
  lastEventStatus: '',
};
const decide = (f: Partial<LoopFacts>) => lifecycleOf({ ...base, ...f }, asOf);

describe('lifecycle truth table (first match wins)', () => {
  it('is awaiting_approval when the approval is pending, even if the summary says complete', () => {
    const d = decide({ approvalStatus: 'pending', summaryPresent: true, completionOk: true });
    expect([d.value, d.reasons]).toEqual(['awaiting_approval', ['approval_pending']]);
  });
  it('is complete when the latest summary entry has completion_ok, even if state is active', () => {
    const d = decide({
      summaryPresent: true,
      completionOk: true,
      statePresent: true,
      stateActive: true,
      stateLoopId: 'demo',
    });
    expect([d.value, d.reasons]).toEqual(['complete', ['summary_completion_ok']]);
  });
  it('is running when state is active for this loop', () => {
    expect(
      decide({ statePresent: true, stateActive: true, stateInactive: false, stateLoopId: 'demo' }).value,
    ).toBe('running');
  });
  it('is not running when state is active for another loop', () => {
    expect(
      decide({ statePresent: true, stateActive: true, stateInactive: false, stateLoopId: 'other' }).value,
    ).toBe('unknown');
  });
  it.each(['loop_stop', 'rate_limit_stop', 'no_progress_stop'])('is stopped after %s', (name) => {
    expect(decide({ lastEventName: name, lastEventStatus: 'error' }).value).toBe('stopped');
  });
  it.each(['error', 'timeout', 'blocked', 'rate_limited'])(
    'is failed when the last event status is %s',
    (status) => {
      const d = decide({ lastEventName: 'role_end', lastEventStatus: status });
      expect([d.value, d.reasons]).toEqual(['failed', ['error_event_status']]);
    },
  );
  it('is idle when state is inactive and a summary exists', () => {
    expect(decide({ statePresent: true, summaryPresent: true }).value).toBe('idle');
  });
  it('is not idle when active is neither true nor false (a non-boolean)', () => {
    expect(
      decide({ statePresent: true, summaryPresent: true, stateActive: false, stateInactive: false }).value,
    ).toBe('unknown');
  });
  it('is unknown with no reliable signal, and says so', () => {
    const d = decide({ summaryPresent: true });
    expect([d.value, d.reasons, d.asOf]).toEqual(['unknown', ['no_reliable_signal'], asOf]);
  });
});
