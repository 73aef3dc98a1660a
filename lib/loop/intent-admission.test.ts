import { describe, expect, it } from 'vitest';
import { admissionFacts, admitForCli, admitIntent, type AdmissionDocs } from './intent-admission.js';

const asOf = '2026-02-22T12:00:00Z';
const active = { active: true, current_loop_id: 'demo' };
const admit = (intent: 'cancel' | 'approve' | 'reject', f: Partial<AdmissionDocs>) =>
  admitIntent(intent, 'demo', admissionFacts({ approval: null, state: null, ...f }), asOf);
const verdict = (d: ReturnType<typeof admit>) => [d.value.admitted, d.reasons];

describe('approve and reject', () => {
  it.each(['approve', 'reject'] as const)('%s is admitted while the approval is pending', (intent) => {
    expect(verdict(admit(intent, { approval: { status: 'pending' } }))).toEqual([true, []]);
  });
  it('treats an approval file without a status as pending, as superloop does', () => {
    expect(verdict(admit('approve', { approval: { run_id: 'r' } }))).toEqual([true, []]);
  });
  it('is refused with approval_missing when there is no approval file', () => {
    const d = admit('approve', { state: active });
    expect(verdict(d)).toEqual([false, ['approval_missing']]);
    expect(d.value.message).toBe("no approval request found for loop 'demo'");
  });
  it.each(['approved', 'rejected', 'expired'])(
    'is refused with approval_not_pending when it is %s',
    (status) => {
      const d = admit('reject', { approval: { status } });
      expect(verdict(d)).toEqual([false, ['approval_not_pending']]);
      expect(d.value.message).toBe(`approval request is not pending (status=${status})`);
    },
  );
});

describe('cancel', () => {
  it('is admitted when state.json says this loop is active', () => {
    expect(verdict(admit('cancel', { state: active }))).toEqual([true, []]);
  });
  it.each([
    ['absent', null],
    ['inactive', { active: false, current_loop_id: 'demo' }],
    ['active as a string', { active: 'true', current_loop_id: 'demo' }],
  ])('is refused with loop_not_active when state.json is %s', (_what, state) => {
    expect(verdict(admit('cancel', { state }))).toEqual([false, ['loop_not_active']]);
  });
  it('is refused with loop_not_current when another loop is the active one', () => {
    const d = admit('cancel', { state: { active: true, current_loop_id: 'other' } });
    expect(verdict(d)).toEqual([false, ['loop_not_current']]);
    expect(d.value.message).toContain("cancelling would stop 'other'");
  });
  it('ignores the approval file', () => {
    expect(verdict(admit('cancel', { state: active, approval: { status: 'approved' } }))).toEqual([true, []]);
  });
});

describe('given an installed superloop CLI carries the intent out', () => {
  const cli = (intent: 'cancel' | 'approve' | 'reject', f: Partial<AdmissionDocs>) =>
    verdict(admitForCli(intent, 'demo', admissionFacts({ approval: null, state: null, ...f }), asOf));
  it.each([
    ['absent', null],
    ['inactive', { active: false, current_loop_id: 'demo' }],
  ])('when cancelling and state.json is %s, then the CLI decides (admitted)', (_what, state) => {
    expect(cli('cancel', { state })).toEqual([true, []]);
  });
  it('when cancelling while another loop is active, then it is still refused with loop_not_current', () => {
    expect(cli('cancel', { state: { active: true, current_loop_id: 'other' } })).toEqual([
      false,
      ['loop_not_current'],
    ]);
  });
  it.each(['approve', 'reject'] as const)(
    'when %s has no pending approval, then the CLI decides (admitted)',
    (intent) => {
      expect(cli(intent, {})).toEqual([true, []]);
      expect(cli(intent, { approval: { status: 'approved' } })).toEqual([true, []]);
    },
  );
});
