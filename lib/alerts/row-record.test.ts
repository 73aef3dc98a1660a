// Recording a row's delivery as effects: acknowledged sends become ledger records, outcomes become the
// row's sink entries in route order, and a finished row is its telemetry line, then its ledger record.
import { describe, expect, it } from 'vitest';
import type { PlannedSink } from './delivery.js';
import type { RowEvent } from './ledger.js';
import { deliveryEffects, finishEffects, sinkEntries, type AlertOutcome } from './row-record.js';
import type { RowLine } from './row-step.js';
import type { AlertMessage } from './send.js';
import type { SinkResult } from './sink-result.js';
import { asDispatchSink } from './sink-request.js';

const files = { ledger: '/s/ledger.jsonl', telemetry: '/r/alerts.jsonl' };
const row: RowLine = { text: '{}', line: 2, byteOffset: 5, end: 8, sha256: 'beef' };
const stamp = { at: '2026-02-22T12:00:00Z', traceId: 't' };
const hook = asDispatchSink({ id: 'hook', type: 'webhook', secretRefs: {} })!;
const message: AlertMessage = { key: 'k-hook', payload: { sink: hook, alert: {} as never } };
const ok = { status: 'success', httpStatus: 200, reasonCode: null, message: null } as const;
const refused = { status: 'failed', httpStatus: 400, reasonCode: 'http_error', message: 'no' } as const;
const sent = (result: SinkResult, ok_: boolean): AlertOutcome => ({
  kind: 'sent',
  message,
  result,
  ok: ok_,
  attempts: 2,
});

describe('recording a row delivery', () => {
  it('given an acknowledged send, then it records one delivered ledger record with its key, sink and attempts', () => {
    expect(deliveryEffects(files, row, sent(ok, true), stamp)).toEqual([
      {
        kind: 'append',
        path: files.ledger,
        records: [
          expect.objectContaining({
            type: 'delivered',
            key: 'k-hook',
            sinkId: 'hook',
            httpStatus: 200,
            attempts: 2,
          }),
        ],
      },
    ]);
  });

  it('given a failed send or a duplicate, then nothing is recorded for it', () => {
    expect(deliveryEffects(files, row, sent(refused, false), stamp)).toEqual([]);
    expect(deliveryEffects(files, row, { kind: 'duplicate', message }, stamp)).toEqual([]);
  });

  it('given a plan of an entry and a message, then the entries keep route order and take the outcome of the send', () => {
    const entry = { id: 'x', type: 'unknown', ...refused, dedupeKey: '', attempts: 0 };
    const plan: PlannedSink[] = [
      { kind: 'entry', entry },
      { kind: 'send', message },
    ];
    expect(sinkEntries(plan, [sent(refused, false)])).toEqual([
      entry,
      { id: 'hook', type: 'webhook', dedupeKey: 'k-hook', ...refused, attempts: 2 },
    ]);
    expect(sinkEntries(plan, [{ kind: 'duplicate', message }])[1]).toMatchObject({ deduplicated: true });
  });

  it('given a finished row, then its telemetry line is appended before its ledger record', () => {
    const event = { type: 'row', line: 2 } as RowEvent;
    expect(finishEffects(files, { line: 'x' }, event).map((e) => e.kind === 'append' && e.path)).toEqual([
      files.telemetry,
      files.ledger,
    ]);
  });
});
