import { describe, expect, it } from 'vitest';
import { bridgeRun, type BridgeInput, type ClaimedFile } from './horizon-bridge.js';

const asOf = '2026-03-01T10:00:00Z';
const files = {
  outboxDir: '/r/outbox',
  claimsDir: '/r/claims',
  queueFile: '/r/queue.json',
  stateFile: '/r/state.json',
  telemetryFile: '/r/bridge.jsonl',
};
const line = (packetId: string, traceId: string, intent = 'review') =>
  JSON.stringify({
    schemaVersion: 'v1',
    traceId,
    packet: { packetId, recipient: { type: 'local_agent', id: 'w' }, intent },
    evidenceRefs: [],
  });
const claim = (rel: string, ...lines: string[]): ClaimedFile => ({ rel, text: `${lines.join('\n')}\n` });
const input = (claims: ClaimedFile[], over: Partial<BridgeInput> = {}): BridgeInput => ({
  asOf,
  traceId: 'run-1',
  files,
  priorQueue: null,
  priorState: null,
  claims,
  ...over,
});

describe('given claimed outbox files', () => {
  it('when every line is valid, then each packet is queued once pending confirmation', () => {
    const run = bridgeRun(
      input([claim('a.jsonl.claim.1', line('p1', 't1', 'Run change'), line('p1', 't1'))]),
    );
    const queue = run.queue;
    expect(queue.intents).toHaveLength(1);
    expect(queue.intents[0]).toMatchObject({
      intentId: 'horizon-bridge:p1:run-change',
      status: 'pending_operator_confirmation',
      requiresOperatorConfirmation: true,
      autonomous: { eligible: false, manualOnly: true },
      sourceFile: 'a.jsonl.claim.1',
      createdAt: asOf,
    });
    const state = run.state;
    expect(state.summary).toMatchObject({
      queuedEnvelopeCount: 1,
      duplicateEnvelopeCount: 1,
      processedFileCount: 1,
    });
    expect(state.reasonCodes).toEqual([
      'horizon_bridge_claimed_files',
      'horizon_bridge_duplicates_skipped',
      'horizon_bridge_queue_updated',
    ]);
    expect(run.moves).toEqual([{ rel: 'a.jsonl.claim.1', to: 'processed' }]);
    expect(run.exitCode).toBe(0);
  });

  it('when one line breaks the contract, then the whole file is rejected and none of it is queued', () => {
    const run = bridgeRun(
      input([
        claim('bad.claim', line('p1', 't1'), '{"schemaVersion":"v1"}'),
        claim('ok.claim', line('p2', 't2')),
      ]),
    );
    const state = run.state;
    expect(state.status).toBe('failed_contract_validation');
    expect(state.summary).toMatchObject({
      rejectedFileCount: 1,
      processedFileCount: 1,
      invalidEnvelopeCount: 1,
      queuedEnvelopeCount: 1,
    });
    expect(run.queue.intents.map((i) => i.packetId)).toEqual(['p2']);
    expect(run.moves).toEqual([
      { rel: 'bad.claim', to: 'rejected' },
      { rel: 'ok.claim', to: 'processed' },
    ]);
    expect(run.exitCode).toBe(2);
    const records = run.effects[0] as unknown as {
      records: { status: string; claimTarget: string; reasonCodes: string[] }[];
    };
    expect(records.records[0]).toMatchObject({
      status: 'rejected_contract',
      claimTarget: 'rejected/bad.claim',
      reasonCodes: ['contract_required_field_missing'],
    });
  });

  it('when a packet was queued by an earlier run, then it is a duplicate and the queue keeps the first', () => {
    const first = bridgeRun(input([claim('a.claim', line('p1', 't1'))]));
    const second = bridgeRun(
      input([claim('b.claim', line('p1', 't1', 'other'))], {
        asOf: '2026-03-01T11:00:00Z',
        priorQueue: first.queue,
        priorState: first.state,
      }),
    );
    const state = second.state;
    expect(state.summary).toMatchObject({ duplicateEnvelopeCount: 1, queuedEnvelopeCount: 0 });
    expect(state.dedupe.keys).toEqual(['p1::t1']);
    expect(state.observed).toEqual({ hadPreviousState: true, previousStatus: 'ok', previousUpdatedAt: asOf });
    expect(second.queue.intents.map((i) => i.intent)).toEqual(['review']);
  });

  it('when nothing was claimed, then the run is ok with an empty queue', () => {
    const run = bridgeRun(input([]));
    expect(run.state.reasonCodes).toEqual(['horizon_bridge_no_outbox_files']);
    expect(run.queue.reasonCodes).toEqual(['horizon_bridge_queue_empty']);
    expect(run.effects.map((e) => e.kind)).toEqual(['append', 'write', 'write']);
  });
});
