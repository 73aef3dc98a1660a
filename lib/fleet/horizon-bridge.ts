// The horizon bridge's decision (reference: ops-manager-horizon-bridge.sh). Given the outbox files this
// run claimed (in claim order), the queue and state the previous run left, the instant and the trace id,
// it decides each claim's fate and returns the documents and records to write. A claimed file with any
// line that breaks the contract fails closed: it is rejected whole and none of its packets is queued.
// A packet is queued once: its `packetId::traceId` key is remembered in the state and is in the queue,
// and a key seen before (in an earlier run, an earlier file or earlier in the same file) is a duplicate.
import type { Effect } from '../io/effects.js';
import type { BridgeIntent, BridgeQueueRead, BridgeStateRead } from './horizon-codecs.js';
import { bridgeDocuments, type BridgeFiles, type FileVerdict, type QueueDoc } from './horizon-bridge-docs.js';
import type { HorizonBridgeState, HorizonIntent } from './horizon-contracts.js';
import {
  dedupeKeyOf,
  envelopeOfLine,
  intentSlug,
  lineCountOf,
  linesOf,
  type ContractReason,
  type HorizonEnvelope,
} from './horizon-envelope.js';

export type { BridgeFiles, FileVerdict, QueueDoc } from './horizon-bridge-docs.js';

/** One claimed file: its path under the claims' inflight folder and its text. */
export interface ClaimedFile {
  readonly rel: string;
  readonly text: string;
}

export interface BridgeInput {
  readonly asOf: string;
  readonly traceId: string;
  readonly files: BridgeFiles;
  /** The previous queue document, or null when there is none. */
  readonly priorQueue: BridgeQueueRead | null;
  /** The previous state document, or null when there is none. */
  readonly priorState: BridgeStateRead;
  readonly claims: readonly ClaimedFile[];
}

/** Where a claim goes once judged: under the claims folder's `processed/` or `rejected/`. */
export interface ClaimMove {
  readonly rel: string;
  readonly to: 'processed' | 'rejected';
}

export interface BridgeRun {
  readonly state: HorizonBridgeState;
  readonly queue: QueueDoc;
  /** Telemetry (one record per claimed file, then the run's), the queue and the state, in that order. */
  readonly effects: readonly Effect[];
  readonly moves: readonly ClaimMove[];
  /** 0, or 2 when a claimed file was rejected (the reference's exit code). */
  readonly exitCode: 0 | 2;
}

export const PENDING = 'pending_operator_confirmation';

const intentOf = (env: HorizonEnvelope, rel: string, asOf: string): HorizonIntent => ({
  intentId: `horizon-bridge:${env.packetId}:${intentSlug(env.intent)}`,
  packetId: env.packetId,
  traceId: env.traceId,
  recipient: { type: env.recipientType, id: env.recipientId },
  intent: env.intent,
  status: PENDING,
  requiresOperatorConfirmation: true,
  autonomous: { eligible: false, manualOnly: true, reasons: ['horizon_bridge_manual_confirmation_required'] },
  source: 'horizon_outbox_contract_v1',
  sourceFile: rel,
  evidenceRefs: [...env.evidenceRefs],
  createdAt: asOf,
  updatedAt: asOf,
});

/** Pure: one claimed file judged against the keys already seen (the last broken line names the reason). */
export const judgeClaim = (claim: ClaimedFile, seen: ReadonlySet<string>, asOf: string): FileVerdict => {
  const keys: string[] = [];
  const intents: BridgeIntent[] = [];
  let duplicateCount = 0;
  let invalidCount = 0;
  let reason: ContractReason | null = null;
  for (const line of linesOf(claim.text)) {
    const got = envelopeOfLine(line);
    if (got.kind === 'blank') continue;
    if (got.kind === 'invalid') {
      invalidCount += 1;
      reason = got.reason;
      continue;
    }
    const key = dedupeKeyOf(got.envelope.packetId, got.envelope.traceId);
    if (seen.has(key) || keys.includes(key)) {
      duplicateCount += 1;
      continue;
    }
    keys.push(key);
    intents.push(intentOf(got.envelope, claim.rel, asOf));
  }
  const rejected = invalidCount > 0;
  return {
    rel: claim.rel,
    status: rejected ? 'rejected_contract' : 'processed',
    lineCount: lineCountOf(claim.text),
    keys,
    intents,
    duplicateCount,
    invalidCount,
    reason,
  };
};

const priorIntentsOf = (q: BridgeQueueRead | null): readonly BridgeIntent[] => q?.intents ?? [];

/** Pure: the keys a previous run remembered: the state's dedupe keys and every queued packet's key. */
export const priorKeysOf = (q: BridgeQueueRead | null, s: BridgeStateRead): string[] => [
  ...(s?.dedupe?.keys ?? []),
  ...priorIntentsOf(q).flatMap((i) =>
    typeof i.packetId === 'string' && typeof i.traceId === 'string'
      ? [dedupeKeyOf(i.packetId, i.traceId)]
      : [],
  ),
];

/** Pure: the verdict on every claim, in claim order; keys of a processed file count for the next. */
export const judgeClaims = (
  claims: readonly ClaimedFile[],
  prior: readonly string[],
  asOf: string,
): FileVerdict[] => {
  const seen = new Set(prior);
  return claims.map((claim) => {
    const verdict = judgeClaim(claim, seen, asOf);
    if (verdict.status === 'processed') verdict.keys.forEach((k) => seen.add(k));
    return verdict;
  });
};

/** Pure: the whole run: verdicts, the new queue and state, the telemetry, and where each claim goes. */
export const bridgeRun = (input: BridgeInput): BridgeRun => {
  const prior = priorKeysOf(input.priorQueue, input.priorState);
  const verdicts = judgeClaims(input.claims, prior, input.asOf);
  const docs = bridgeDocuments({
    asOf: input.asOf,
    traceId: input.traceId,
    files: input.files,
    priorIntents: priorIntentsOf(input.priorQueue),
    priorKeys: prior,
    priorState: input.priorState,
    verdicts,
  });
  const f = input.files;
  return {
    state: docs.state,
    queue: docs.queue,
    effects: [
      { kind: 'append', path: f.telemetryFile, records: docs.records },
      { kind: 'write', path: f.queueFile, value: docs.queue, pretty: false },
      { kind: 'write', path: f.stateFile, value: docs.state, pretty: false },
    ],
    moves: verdicts.map((v) => ({ rel: v.rel, to: v.status === 'processed' ? 'processed' : 'rejected' })),
    exitCode: verdicts.some((v) => v.status !== 'processed') ? 2 : 0,
  };
};
