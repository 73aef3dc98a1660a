// The control answer from a run: a replay answers 200 with the stored response and no stderr, a fresh
// run its status's HTTP code with the request's trace id, and the idempotency view lists completed keys.
import { describe, expect, it } from 'vitest';
import type { ControlRun } from './control-run.js';
import { controlAnswerOf, controlResponse, loopLockedAnswer } from './service-control-answer.js';

const run = (over: Partial<ControlRun>): ControlRun => ({
  entry: { intent: 'cancel', traceId: 'from-entry' },
  status: 'confirmed',
  exitCode: 0,
  errorLine: null,
  replayed: false,
  ...over,
});

describe('controlResponse', () => {
  it('takes the trace id given, else the entry one', () => {
    const stored = { status: 'confirmed', exitCode: 0, entry: { traceId: 'e' } };
    expect(controlResponse(stored, 't', false)).toMatchObject({ ok: true, traceId: 't' });
    expect(controlResponse(stored, '', true)).toMatchObject({ replayed: true, traceId: 'e' });
  });
});

describe('controlAnswerOf', () => {
  it('answers a replay 200 with the entry trace id', () => {
    const a = controlAnswerOf(run({ replayed: true, exitCode: 1, status: 'failed_command' }), 'req');
    expect(a).toMatchObject({ status: 200, body: { replayed: true, ok: false, traceId: 'from-entry' } });
  });
  it('answers a refused run 422 with its error line', () => {
    const a = controlAnswerOf(run({ status: 'refused', exitCode: 1, errorLine: 'no' }), 'req');
    expect(a).toMatchObject({ status: 422, body: { traceId: 'req', stderr: 'error: no' } });
  });
});

describe('loopLockedAnswer', () => {
  it('is a 503 naming the loop', () => {
    expect(loopLockedAnswer('L')).toMatchObject({ status: 503 });
  });
});
