// One routed row over memory ports: the order of sends and records that makes a crash cost at most one
// resend, and a failed send as a value in the row's outcome.
import { describe, expect, it } from 'vitest';
import type { Effect } from '../io/effects.js';
import type { Edge } from '../io/node-edge.js';
import { processRow, type RowCtx } from './dispatch-row.js';
import { deliveryLedgerProjection, foldLedger, type LedgerEvent } from './ledger.js';
import type { RowLine } from './row-step.js';
import { asDispatchSink, type HttpRequest } from './sink-request.js';

const text = JSON.stringify({ category: 'health_critical', severity: 'critical', timestamp: 't0' });
const row: RowLine = { text, line: 1, byteOffset: 0, end: text.length + 1, sha256: 'aa' };
const sink = (id: string) => asDispatchSink({ id, type: 'webhook', secretRefs: { urlEnv: 'URL' } })!;

/** A row context over memory: every send and every applied effect goes to `log`. */
const memoryCtx = (log: string[], status: (id: string) => number): RowCtx => {
  let ledger = deliveryLedgerProjection.initial;
  return {
    repo: '/r',
    loopId: 'L',
    traceId: 't',
    iso: () => '2026-02-22T12:00:00Z',
    route: async () => ({
      kind: 'routed',
      route: {},
      severity: 'critical',
      shouldDispatch: true,
      sinks: [sink('a'), sink('b')],
    }),
    lines: {} as Edge['lines'],
    send: {
      env: { URL: 'https://h/x' },
      transport: async (req: HttpRequest) => {
        const id = JSON.parse(req.body).sink?.id as string;
        log.push(`send ${id}`);
        return { kind: 'response', status: status(id), body: '' };
      },
      sleep: async () => undefined,
      retryAttempts: 1,
      retryBackoffSeconds: 0,
    },
    maxDeliveryRuns: 0,
    ledger: () => ledger,
    files: { ledger: 'ledger', telemetry: 'telemetry' },
    apply: async (effects: readonly Effect[]) => {
      for (const e of effects) {
        if (e.kind !== 'append') continue;
        const records = e.records as LedgerEvent[];
        log.push(
          `${e.path} ${records.map((r) => (r.type === 'delivered' ? r.sinkId : (r.type ?? 'line'))).join()}`,
        );
        if (e.path === 'ledger') ledger = foldLedger(ledger, records);
      }
    },
  };
};

describe('a routed row through dispatch', () => {
  it('given two sinks, then each acknowledged send is recorded before the next is sent, then telemetry, then the row', async () => {
    const log: string[] = [];
    const report = await processRow(
      memoryCtx(log, () => 200),
      row,
      null,
    );
    expect(log).toEqual(['send a', 'ledger a', 'send b', 'ledger b', 'telemetry line', 'ledger row']);
    expect(report).toMatchObject({ kind: 'dispatched', pending: false });
  });

  it('given one sink failing, then its failure is in the outcome (not thrown), nothing is recorded for it, and the row stays pending', async () => {
    const log: string[] = [];
    const report = await processRow(
      memoryCtx(log, (id) => (id === 'a' ? 503 : 200)),
      row,
      null,
    );
    expect(log).toEqual(['send a', 'send b', 'ledger b', 'telemetry line', 'ledger row']);
    expect(report).toMatchObject({ kind: 'partial', pending: true, codes: ['http_error'] });
  });
});
