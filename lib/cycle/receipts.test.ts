// Given receipt lines of every schema, when folded, then BLOCKED receipts are counted whatever their
// schema or request, receipt_refs name physical lines, and the cycle's own records satisfy the contracts.
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { given, positionEvents } from '../testing/given.js';
import { decodeTicketReceipt, decodeTicketResult, type TicketReceipt } from './codecs-tickets.js';
import { appendedReceiptLine, lineOfReceiptRef, receiptRef, ticketReceiptsProjection } from './receipts.js';
import { blockAppends, blockRecords, interruptedResult } from './records.js';

const Z = 'UTC';
const v2 = (id: string, decision: string): TicketReceipt => ({
  schema: 'EXECUTION_RECEIPT_V2',
  receipt_id: `r2-${id}`,
  request_id: id,
  mode: 'REAL',
  decision,
  finished_at: '2026-03-01T11:00:00',
});

describe('decoding a receipt line', () => {
  it('accepts V1, V2 and V3 receipts', () => {
    const lines = [
      {
        schema: 'EXECUTION_RECEIPT_V1',
        receipt_id: 'a',
        request_id: 'x',
        issued_at: 't',
        mode: 'MOCK_ONLY',
        result: 'DONE',
      },
      {
        schema: 'EXECUTION_RECEIPT_V2',
        receipt_id: 'b',
        request_id: 'x',
        mode: 'REAL',
        decision: 'BLOCKED',
        block_reasons: ['w'],
      },
      {
        schema: 'EXECUTION_RECEIPT_V3',
        asof: 't',
        receipt_id: 'c',
        request_id: 'x',
        mode: 'REAL',
        decision: 'EXECUTED',
      },
    ];
    expect(lines.map((l) => E.isRight(decodeTicketReceipt(l)))).toEqual([true, true, true]);
  });
  it('refuses another schema and a receipt without its request_id, saying why', () => {
    expect(decodeTicketReceipt({ schema: 'EXECUTION_RECEIPT_V9', request_id: 'x' })).toEqual(
      E.left('$.schema: expected EXECUTION_RECEIPT_V1, _V2 or _V3, got "EXECUTION_RECEIPT_V9"'),
    );
    expect(
      E.isLeft(
        decodeTicketReceipt({
          schema: 'EXECUTION_RECEIPT_V3',
          asof: 't',
          receipt_id: 'c',
          mode: 'M',
          decision: 'D',
        }),
      ),
    ).toBe(true);
  });
});

describe('the receipt fold', () => {
  it('counts BLOCKED decisions of any schema and unknown requests, and receipts per schema and day', () => {
    const s = given(ticketReceiptsProjection(Z)).events(
      v2('a', 'BLOCKED'),
      v2('nobody', 'BLOCKED'),
      v2('a', 'EXECUTED'),
    ).state;
    expect([s.blocked, s.bySchema, s.byRequest['a'], s.byDay, s.lastLine]).toEqual([
      2,
      { EXECUTION_RECEIPT_V2: 3 },
      { count: 2, lastLine: 3, lastDecision: 'EXECUTED' },
      { '2026-03-01': { receipts: 3, blocked: 2 } },
      3,
    ]);
  });
});

describe('a receipt_ref', () => {
  it('names the 1-based line of the receipt log and reads back', () => {
    expect([
      receiptRef(20),
      lineOfReceiptRef('state/tickets/ticket_receipts.jsonl:line20'),
      lineOfReceiptRef('x:line2'),
      lineOfReceiptRef(null),
    ]).toEqual(['state/tickets/ticket_receipts.jsonl:line20', 20, null, null]);
  });
  it('points at the last receipt appended for the ticket, not at another ticket’s', () => {
    const appended = positionEvents([v2('a', 'EXECUTED'), v2('a', 'EXECUTED'), v2('b', 'EXECUTED')], {
      lines: 19,
      byteOffset: 0,
    });
    expect([appendedReceiptLine(appended, 'a')?.line, appendedReceiptLine(appended, 'c')]).toEqual([
      21,
      null,
    ]);
  });
});

describe('the records the cycle appends', () => {
  const ticket = { request_id: 'a', requested_at: '2026-03-02T08:00:00', request_type: 'ACKNOWLEDGE' };
  it('for a blocked ticket: a BLOCKED V3 receipt and a FAILED result, both valid lines of their logs', () => {
    const [receipt, result] = blockRecords({
      ticket,
      runId: 'run',
      receiptId: 'r',
      resultId: 's',
      at: '2026-03-02T09:00:00+09:00',
      mode: 'REAL',
      blockedBy: ['ALLOWLIST_VIOLATION', 'WINDOW_NOT_ACTIVE'],
      detail: 'ALLOWLIST_VIOLATION: request_type not allowed',
      windowActive: false,
    });
    const r = decodeTicketReceipt(receipt);
    const f = decodeTicketResult(result);
    expect([
      E.isRight(r) && r.right.schema === 'EXECUTION_RECEIPT_V3' && r.right.decision,
      E.isRight(f) && f.right.status,
    ]).toEqual(['BLOCKED', 'FAILED']);
    expect(receipt).toMatchObject({
      block_reasons: ['ALLOWLIST_VIOLATION', 'WINDOW_NOT_ACTIVE'],
      acceptance: { pass: false, reason: 'BLOCKED_BY_SAFETY_CHECK' },
    });
  });
  it('for a blocked ticket, as effects: the receipt appended to the receipts log before the result to the results log', () => {
    const facts = {
      ticket,
      runId: 'run',
      receiptId: 'r',
      resultId: 's',
      at: '2026-03-02T09:00:00+09:00',
      mode: 'REAL',
      blockedBy: ['PREFLIGHT_FAIL' as const],
      detail: 'preflight: missing x',
      windowActive: true,
    };
    const appends = blockAppends(facts, { receipts: 'R.jsonl', results: 'S.jsonl' });
    expect(appends.map((a) => [a.kind, a.path, a.records.length])).toEqual([
      ['append', 'R.jsonl', 1],
      ['append', 'S.jsonl', 1],
    ]);
    expect(appends.flatMap((a) => a.records)).toEqual([...blockRecords(facts)]);
  });
  it('for an interrupted cycle: a FAILED result naming the crashed run and its receipt', () => {
    const r = interruptedResult({
      requestId: 'a',
      interruptedRunId: 'dead',
      runId: 'next',
      resultId: 'x',
      at: 't',
      receiptRef: receiptRef(7),
    });
    const d = decodeTicketResult(r);
    expect(E.isRight(d) && d.right.status).toBe('FAILED');
    expect((r as { message: string }).message).toContain('ops cycle dead');
    expect((r as { message: string }).message).toContain('ticket_receipts.jsonl:line7');
  });
});
