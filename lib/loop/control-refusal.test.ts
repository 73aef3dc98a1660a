import { describe, expect, it } from 'vitest';
import { controlContext } from './control-context.js';
import { admissionRefusal, keyRefusal } from './control-refusal.js';
import { admissionFacts, admitIntent } from './intent-admission.js';

const request = {
  intent: 'cancel' as const,
  by: 'ops',
  note: '',
  idempotencyKey: 'k1',
  traceId: null,
  doConfirm: true,
  timeoutSeconds: 30,
  intervalSeconds: 2,
  retryAttempts: 3,
  retryBackoffSeconds: 1,
};
const CMD = 'superloop cancel --loop l1';

describe('given an idempotency key', () => {
  it('when it is new, then nothing refuses the intent', () => {
    expect(keyRefusal({ kind: 'execute' }, request, CMD)).toBeNull();
  });

  it('when it was used for another intent, then the intent is refused as a key conflict', () => {
    const r = keyRefusal({ kind: 'conflict', storedIntent: 'approve' }, request, CMD);
    expect(r?.outcome).toMatchObject({ status: 'refused', confirmed: false });
    expect(r?.errorLine).toBe(
      'intent refused (idempotency_key_conflict): idempotency key k1 was used for approve, not cancel',
    );
  });

  it('when its run never finished, then the outcome is ambiguous and the intent is not run again', () => {
    const r = keyRefusal({ kind: 'in_flight', startedAt: '2026-02-22T12:00:00Z' }, request, CMD);
    expect(r?.outcome.status).toBe('ambiguous');
    expect(r?.errorLine).toMatch(
      /^intent outcome unknown: a run with idempotency key k1 started at 2026-02-22T12:00:00Z/,
    );
  });
});

describe('given an approval with no pending approval', () => {
  it('then admission refuses it with its reason code', () => {
    const admission = admitIntent(
      'approve',
      'l1',
      admissionFacts({ approval: null, state: null }),
      '2026-02-22T12:00:00Z',
    );
    const r = admissionRefusal(admission, CMD);
    expect(r?.outcome.status).toBe('refused');
    expect(r?.errorLine).toMatch(new RegExp(`^intent refused \\(${admission.reasons[0] ?? ''}\\): `));
  });
});

describe('given a run that took 2.5 s', () => {
  it('then its context says when it started and ended and counts whole seconds', () => {
    const started = { ms: 1_000, iso: '2026-02-22T12:00:01Z' };
    const completed = { ms: 3_500, iso: '2026-02-22T12:00:03Z' };
    const c = controlContext('l1', request, { started, completed, transport: 'local' });
    expect(c).toMatchObject({
      startedAt: started.iso,
      completedAt: completed.iso,
      durationSeconds: 2,
      note: null,
    });
  });
});
