// The horizon bridge's outputs, in the reference's shapes: the queue (every intent waiting for an
// operator, one per packet), the state (what this run claimed, processed, rejected and queued, and the
// dedupe keys), and the telemetry records (one per claimed file, one for the run).
import { uniqueSorted } from './json.js';
import type { BridgeIntent, BridgeStateRead } from './horizon-codecs.js';
import type * as t from 'io-ts';
import type {
  HorizonBridgeQueue,
  HorizonBridgeState,
  HorizonBridgeTelemetryLine,
} from './horizon-contracts.js';
import { dedupeKeyOf, HORIZON_CONTRACT, type ContractReason } from './horizon-envelope.js';

/** The bridge's folders and files, as the state and telemetry name them. */
export interface BridgeFiles {
  readonly outboxDir: string;
  readonly claimsDir: string;
  readonly queueFile: string;
  readonly stateFile: string;
  readonly telemetryFile: string;
}

/** One claimed file judged: queued intents and keys count only when it was processed. */
export interface FileVerdict {
  readonly rel: string;
  readonly status: 'processed' | 'rejected_contract';
  readonly lineCount: number;
  readonly keys: readonly string[];
  readonly intents: BridgeIntent[];
  readonly duplicateCount: number;
  readonly invalidCount: number;
  readonly reason: ContractReason | null;
}

export interface DocsInput {
  readonly asOf: string;
  readonly traceId: string;
  readonly files: BridgeFiles;
  readonly priorIntents: readonly BridgeIntent[];
  readonly priorKeys: readonly string[];
  readonly priorState: BridgeStateRead;
  readonly verdicts: readonly FileVerdict[];
}

/** The queue document: its intents are carried through from earlier runs as they were read. */
export type QueueDoc = Omit<t.TypeOf<typeof HorizonBridgeQueue>, 'intents'> & {
  readonly intents: BridgeIntent[];
};
type RunReason = HorizonBridgeState['reasonCodes'][number];

const keyOf = (i: BridgeIntent): string | null =>
  typeof i.packetId === 'string' && i.packetId !== '' && typeof i.traceId === 'string' && i.traceId !== ''
    ? dedupeKeyOf(i.packetId, i.traceId)
    : null;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Pure: prior then new intents, one per key (the first kept), ordered by creation, packet and trace. */
export const mergeIntents = (
  prior: readonly BridgeIntent[],
  added: readonly BridgeIntent[],
): BridgeIntent[] => {
  const byKey = new Map<string, BridgeIntent>();
  for (const i of [...prior, ...added]) {
    const key = keyOf(i);
    if (key !== null && !byKey.has(key)) byKey.set(key, i);
  }
  const field = (i: BridgeIntent, k: 'createdAt' | 'packetId' | 'traceId'): string => i[k] ?? '';
  return [...byKey.values()].sort(
    (a, b) =>
      cmp(field(a, 'createdAt'), field(b, 'createdAt')) ||
      cmp(field(a, 'packetId'), field(b, 'packetId')) ||
      cmp(field(a, 'traceId'), field(b, 'traceId')),
  );
};

const target = (v: FileVerdict): string => `${v.status === 'processed' ? 'processed' : 'rejected'}/${v.rel}`;

const fileRecord = (d: DocsInput, v: FileVerdict): HorizonBridgeTelemetryLine => ({
  timestamp: d.asOf,
  category: 'horizon_bridge_file',
  traceId: d.traceId,
  status: v.status,
  sourceFile: v.rel,
  claimTarget: target(v),
  summary: {
    lineCount: v.lineCount,
    queuedCount: v.intents.length,
    duplicateCount: v.duplicateCount,
    invalidCount: v.invalidCount,
  },
  reasonCodes: v.reason === null ? [] : [v.reason],
});

const sum = (vs: readonly FileVerdict[], f: (v: FileVerdict) => number): number =>
  vs.reduce((n, v) => n + f(v), 0);

const sortedUnique = <S extends string>(xs: readonly S[]): S[] => [...new Set(xs)].sort();

const runReasons = (claimed: number, queued: number, duplicates: number, rejected: number): RunReason[] =>
  sortedUnique<RunReason>([
    claimed === 0 ? 'horizon_bridge_no_outbox_files' : 'horizon_bridge_claimed_files',
    ...(queued > 0 ? (['horizon_bridge_queue_updated'] as const) : []),
    ...(duplicates > 0 ? (['horizon_bridge_duplicates_skipped'] as const) : []),
    ...(rejected > 0 ? (['horizon_bridge_contract_validation_failed'] as const) : []),
  ]);

const orNull = (v: unknown): unknown => (v === undefined || v === false ? null : v);

/** Pure: the queue and state documents and the telemetry records of one run. */
export const bridgeDocuments = (
  d: DocsInput,
): { queue: QueueDoc; state: HorizonBridgeState; records: HorizonBridgeTelemetryLine[] } => {
  const processed = d.verdicts.filter((v) => v.status === 'processed');
  const rejected = d.verdicts.filter((v) => v.status !== 'processed');
  const intents = mergeIntents(
    d.priorIntents,
    processed.flatMap((v) => v.intents),
  );
  const pending = intents.filter((i) => i.status === 'pending_operator_confirmation').length;
  const keys = uniqueSorted([...d.priorKeys, ...processed.flatMap((v) => v.keys)]);
  const source = { outboxDir: d.files.outboxDir, claimsDir: d.files.claimsDir };
  const queue: QueueDoc = {
    schemaVersion: 'v1',
    generatedAt: d.asOf,
    updatedAt: d.asOf,
    traceId: d.traceId,
    source: { ...source, contract: HORIZON_CONTRACT },
    intents,
    summary: { intentCount: intents.length, pendingConfirmationCount: pending },
    reasonCodes: [pending > 0 ? 'horizon_bridge_confirmation_pending' : 'horizon_bridge_queue_empty'],
  };
  const summary = {
    claimedFileCount: d.verdicts.length,
    processedFileCount: processed.length,
    rejectedFileCount: rejected.length,
    queuedEnvelopeCount: sum(processed, (v) => v.intents.length),
    duplicateEnvelopeCount: sum(processed, (v) => v.duplicateCount),
    invalidEnvelopeCount: sum(rejected, (v) => v.invalidCount),
    pendingConfirmationCount: pending,
  };
  const reasonCodes = runReasons(
    summary.claimedFileCount,
    summary.queuedEnvelopeCount,
    summary.duplicateEnvelopeCount,
    summary.rejectedFileCount,
  );
  const status = rejected.length > 0 ? ('failed_contract_validation' as const) : ('ok' as const);
  const { queueFile, stateFile, telemetryFile } = d.files;
  const state: HorizonBridgeState = {
    schemaVersion: 'v1',
    generatedAt: d.asOf,
    updatedAt: d.asOf,
    traceId: d.traceId,
    status,
    contract: HORIZON_CONTRACT,
    source,
    files: {
      queueFile,
      stateFile,
      telemetryFile,
      claimed: d.verdicts.map((v) => v.rel),
      processed: processed.map((v) => v.rel),
      rejected: rejected.map((v) => v.rel),
    },
    summary,
    dedupe: { keyCount: keys.length, keys },
    reasonCodes,
    observed: {
      hadPreviousState: d.priorState !== null,
      previousStatus: orNull(d.priorState?.status),
      previousUpdatedAt: orNull(d.priorState?.updatedAt),
    },
  };
  const run: HorizonBridgeTelemetryLine = {
    timestamp: d.asOf,
    category: 'horizon_bridge_run',
    traceId: d.traceId,
    status,
    contract: HORIZON_CONTRACT,
    files: { stateFile, queueFile, telemetryFile },
    summary,
    reasonCodes,
  };
  return { queue, state, records: [...d.verdicts.map((v) => fileRecord(d, v)), run] };
};
