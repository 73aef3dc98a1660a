// The horizon bridge's files as contracts (for contracts/): the outbox envelope it reads (only what the
// contract requires; other keys are allowed), and the queue, state and telemetry lines it writes. The
// bridge's output types are these codecs' `t.TypeOf`.
import * as t from 'io-ts';

const keys = <K extends string>(...ks: K[]) =>
  t.keyof(Object.fromEntries(ks.map((k) => [k, null])) as Record<K, null>);

/** One line of .superloop/horizons/outbox/**.jsonl (horizon-envelope-contract-v1). */
export const HorizonEnvelopeLine = t.type(
  {
    schemaVersion: t.literal('v1'),
    traceId: t.string,
    packet: t.type({
      packetId: t.string,
      recipient: t.type({ type: t.string, id: t.string }),
      intent: t.string,
    }),
    evidenceRefs: t.array(t.unknown),
  },
  'HorizonEnvelopeLine',
);

/** One queued intent, as the bridge writes it. */
export const HorizonIntent = t.type(
  {
    intentId: t.string,
    packetId: t.string,
    traceId: t.string,
    recipient: t.type({ type: t.string, id: t.string }),
    intent: t.string,
    status: t.string,
    requiresOperatorConfirmation: t.boolean,
    autonomous: t.type({ eligible: t.boolean, manualOnly: t.boolean, reasons: t.array(t.string) }),
    source: t.string,
    sourceFile: t.string,
    evidenceRefs: t.array(t.unknown),
    createdAt: t.string,
    updatedAt: t.string,
  },
  'HorizonIntent',
);
export type HorizonIntent = t.TypeOf<typeof HorizonIntent>;

const Source = t.type({ outboxDir: t.string, claimsDir: t.string });

/** fleet/horizon-bridge-queue.json */
export const HorizonBridgeQueue = t.type(
  {
    schemaVersion: t.literal('v1'),
    generatedAt: t.string,
    updatedAt: t.string,
    traceId: t.string,
    source: t.intersection([Source, t.type({ contract: t.string })]),
    intents: t.array(HorizonIntent),
    summary: t.type({ intentCount: t.number, pendingConfirmationCount: t.number }),
    reasonCodes: t.array(keys('horizon_bridge_confirmation_pending', 'horizon_bridge_queue_empty')),
  },
  'HorizonBridgeQueue',
);

const RunStatus = keys('ok', 'failed_contract_validation');
const RunReason = keys(
  'horizon_bridge_no_outbox_files',
  'horizon_bridge_claimed_files',
  'horizon_bridge_queue_updated',
  'horizon_bridge_duplicates_skipped',
  'horizon_bridge_contract_validation_failed',
);
const RunSummary = t.type({
  claimedFileCount: t.number,
  processedFileCount: t.number,
  rejectedFileCount: t.number,
  queuedEnvelopeCount: t.number,
  duplicateEnvelopeCount: t.number,
  invalidEnvelopeCount: t.number,
  pendingConfirmationCount: t.number,
});
const Files = t.type({ queueFile: t.string, stateFile: t.string, telemetryFile: t.string });

/** fleet/horizon-bridge-state.json (also what the command prints). */
export const HorizonBridgeState = t.type(
  {
    schemaVersion: t.literal('v1'),
    generatedAt: t.string,
    updatedAt: t.string,
    traceId: t.string,
    status: RunStatus,
    contract: t.string,
    source: Source,
    files: t.intersection([
      Files,
      t.type({ claimed: t.array(t.string), processed: t.array(t.string), rejected: t.array(t.string) }),
    ]),
    summary: RunSummary,
    dedupe: t.type({ keyCount: t.number, keys: t.array(t.string) }),
    reasonCodes: t.array(RunReason),
    observed: t.type({
      hadPreviousState: t.boolean,
      previousStatus: t.unknown,
      previousUpdatedAt: t.unknown,
    }),
  },
  'HorizonBridgeState',
);
export type HorizonBridgeState = t.TypeOf<typeof HorizonBridgeState>;

const ContractReasonCode = keys(
  'contract_invalid_json',
  'contract_required_field_missing',
  'contract_schema_version_unsupported',
  'contract_evidence_refs_not_array',
);

/** One line of fleet/telemetry/horizon-bridge.jsonl: a claimed file's outcome, or the run's. */
export const HorizonBridgeTelemetryLine = t.union(
  [
    t.type({
      timestamp: t.string,
      category: t.literal('horizon_bridge_file'),
      traceId: t.string,
      status: keys('processed', 'rejected_contract'),
      sourceFile: t.string,
      claimTarget: t.string,
      summary: t.type({
        lineCount: t.number,
        queuedCount: t.number,
        duplicateCount: t.number,
        invalidCount: t.number,
      }),
      reasonCodes: t.array(ContractReasonCode),
    }),
    t.type({
      timestamp: t.string,
      category: t.literal('horizon_bridge_run'),
      traceId: t.string,
      status: RunStatus,
      contract: t.string,
      files: Files,
      summary: RunSummary,
      reasonCodes: t.array(RunReason),
    }),
  ],
  'HorizonBridgeTelemetryLine',
);
export type HorizonBridgeTelemetryLine = t.TypeOf<typeof HorizonBridgeTelemetryLine>;

export const fleetHorizonContracts: Readonly<Record<string, t.Mixed>> = {
  'fleet-horizon-envelope-line': HorizonEnvelopeLine,
  'fleet-horizon-bridge-queue': HorizonBridgeQueue,
  'fleet-horizon-bridge-state': HorizonBridgeState,
  'fleet-horizon-bridge-telemetry-line': HorizonBridgeTelemetryLine,
};
