// Given the content of state/ops_runner.lock, when a cycle starts at asOf, then the lock holds for less
// than 60 s and is stale from 60 s on; a lock that cannot be read is stale, as in the origin.
import { describe, expect, it } from 'vitest';
import { interruptedCycle, lockContent, decodeLock, readLock } from './lock-rules.js';
import { receiptRef } from './receipts.js';
import { parseInZone } from './zone.js';

const Z = 'Asia/Seoul';
const asOf = parseInZone('2026-01-04T12:10:00', Z) ?? 0;

describe('the runner lock', () => {
  it('holds when locked 10 s before asOf (naive locked_at in the zone)', () => {
    const r = readLock(decodeLock({ run_id: 'other', locked_at: '2026-01-04T12:09:50' }), asOf, Z);
    expect(r).toMatchObject({ kind: 'held', ageMs: 10_000 });
  });
  it('is stale at exactly 60 s', () => {
    expect(readLock(decodeLock({ run_id: 'other', locked_at: '2026-01-04T12:09:00' }), asOf, Z).kind).toBe(
      'stale',
    );
    expect(
      readLock(decodeLock({ run_id: 'other', locked_at: '2026-01-04T12:09:00.001' }), asOf, Z).kind,
    ).toBe('held');
  });
  it('compares an offset locked_at as an instant', () => {
    expect(readLock(decodeLock({ run_id: 'o', locked_at: '2026-01-04T03:09:30+00:00' }), asOf, Z).kind).toBe(
      'held',
    );
  });
  it('holds when locked_at is after asOf (a clock ahead of ours)', () => {
    expect(readLock(decodeLock({ run_id: 'o', locked_at: '2026-01-04T12:30:00' }), asOf, Z).kind).toBe(
      'held',
    );
  });
  it('is stale when its content or its time cannot be read', () => {
    expect(readLock(decodeLock(null), asOf, Z).kind).toBe('stale');
    expect(readLock(decodeLock({ locked_at: '2026-01-04T12:09:50' }), asOf, Z).kind).toBe('stale');
    expect(readLock(decodeLock({ run_id: 'o', locked_at: '<NOW minus 10 seconds>' }), asOf, Z)).toMatchObject(
      {
        kind: 'stale',
        lock: { run_id: 'o' },
      },
    );
  });
  it('is written with the origin keys first and the recovery intent added', () => {
    expect(lockContent('r', 't', { selected_request_id: 'a', receipts_lines_before: 19 })).toEqual({
      run_id: 'r',
      locked_at: 't',
      selected_request_id: 'a',
      receipts_lines_before: 19,
    });
  });
});

describe('an interrupted cycle', () => {
  it('is reported with its ticket, the receipt its worker appended and the ticket status now', () => {
    const lock = lockContent('dead', '2026-01-04T12:00:00', {
      selected_request_id: 'a',
      receipts_lines_before: 19,
    });
    expect(
      interruptedCycle({ lock, receiptLine: 20, status: 'DONE', resultRecorded: false }, receiptRef),
    ).toEqual({
      run_id: 'dead',
      locked_at: '2026-01-04T12:00:00',
      selected_request_id: 'a',
      receipt_ref: 'state/tickets/ticket_receipts.jsonl:line20',
      ticket_status: 'DONE',
      result_recorded: false,
    });
  });
});
