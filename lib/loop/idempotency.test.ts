import { describe, expect, it } from 'vitest';
import { fold } from '../core/projection.js';
import {
  completedKeys,
  decideKey,
  idempotencyProjection,
  validKey,
  type LedgerRecord,
} from './idempotency.js';

const rec = (key: string, phase: 'started' | 'completed', intent = 'cancel'): LedgerRecord => ({
  schemaVersion: 'v1',
  key,
  phase,
  loopId: 'demo',
  intent,
  at: '2026-02-22T12:00:00Z',
  ...(phase === 'completed' ? { outcome: { status: 'confirmed', exitCode: 0, entry: { key } } } : {}),
});
const ledger = (...records: LedgerRecord[]) =>
  fold(
    idempotencyProjection,
    records.map((value, i) => ({ value, position: { line: i + 1, byteOffset: i } })),
  );

describe('decideKey', () => {
  it('executes a key it has never seen', () => {
    expect(decideKey(ledger(rec('a', 'started')), 'b', 'cancel')).toEqual({ kind: 'execute' });
  });
  it('replays a completed key with its stored outcome', () => {
    const d = decideKey(ledger(rec('a', 'started'), rec('a', 'completed')), 'a', 'cancel');
    expect(d).toEqual({ kind: 'replay', outcome: { status: 'confirmed', exitCode: 0, entry: { key: 'a' } } });
  });
  it('never runs again a key that started and did not complete', () => {
    expect(decideKey(ledger(rec('a', 'started')), 'a', 'cancel').kind).toBe('in_flight');
  });
  it('reports a conflict when the key was used for another intent', () => {
    expect(decideKey(ledger(rec('a', 'started', 'approve')), 'a', 'reject')).toEqual({
      kind: 'conflict',
      storedIntent: 'approve',
    });
  });
  it('keeps keys that look like object internals as plain keys', () => {
    const s = ledger(
      rec('__proto__', 'started'),
      rec('__proto__', 'completed'),
      rec('constructor', 'started'),
    );
    expect(decideKey(s, '__proto__', 'cancel').kind).toBe('replay');
    expect(decideKey(s, 'constructor', 'cancel').kind).toBe('in_flight');
    expect(decideKey(s, 'toString', 'cancel').kind).toBe('execute');
    expect(completedKeys(s).map(([k]) => k)).toEqual(['__proto__']);
  });
  it('does not let a late started record undo a completion', () => {
    expect(
      decideKey(ledger(rec('a', 'started'), rec('a', 'completed'), rec('a', 'started')), 'a', 'cancel').kind,
    ).toBe('replay');
  });
});

describe('validKey', () => {
  it.each([
    ['approve-my-loop-001', true],
    ['', false],
    ['has space', false],
    ['x'.repeat(200), true],
    ['x'.repeat(201), false],
    ['tab\there', false],
  ])('%j → %s', (key, ok) => expect(validKey(key)).toBe(ok));
});
