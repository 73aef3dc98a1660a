// What one orchestration reports: its result document and the markdown job summary, from the request,
// the CI result and the apply step's record. Pure.
import { isObject, type JsonObject } from '../core/json-object.js';
import { uniqueSorted } from './json.js';
import type { ApplyIntent } from './promotion-apply-codecs.js';
import { codeSpan } from './promotion-markdown.js';
import { CiResultSummaryView, type PromotionOrchestrateResult } from './promotion-orchestrate-codecs.js';
import type { OrchestrateRequest } from './promotion-orchestrate-steps.js';

/** The apply step's outcome: its printed record (null when it did not run). */
export interface AppliedStep {
  readonly intent: ApplyIntent;
  readonly record: JsonObject;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Pure: the CI result's decision ("unknown" when absent), failed gates and reason codes. */
export const ciSummaryOf = (ciResult: unknown) => {
  const raw = isObject(ciResult) ? ciResult['summary'] : undefined;
  const view = CiResultSummaryView.is(raw) ? raw : {};
  return {
    decision: view.decision ?? 'unknown',
    failedGates: view.failedGates ?? [],
    reasonCodes: view.reasonCodes ?? [],
  };
};

const evidenceRefsOf = (r: OrchestrateRequest, record: JsonObject | null): string[] => {
  const files = isObject(record?.['files']) ? record['files'] : {};
  return uniqueSorted(
    [
      ...r.evidenceRefs,
      r.files.promotionCiResultFile,
      r.files.promotionCiSummaryFile,
      str(files['promotionStateFile']),
      str(files['applyStateFile']),
      ...strings(record?.['evidenceRefs']),
    ].filter((s): s is string => s !== null && s !== ''),
  );
};

const statusOf = (
  r: OrchestrateRequest,
  applied: AppliedStep | null,
): PromotionOrchestrateResult['status'] =>
  applied === null ? 'preview' : r.mode === 'rollback' ? 'rolled_back' : 'applied';

/** Pure: the result document at `timestamp`. */
export const orchestrateResultOf = (
  r: OrchestrateRequest,
  ciResult: unknown,
  applied: AppliedStep | null,
  timestamp: string,
): PromotionOrchestrateResult => {
  const ci = ciSummaryOf(ciResult);
  const record = applied?.record ?? null;
  return {
    schemaVersion: 'v1',
    timestamp,
    mode: r.mode,
    status: statusOf(r, applied),
    decision: ci.decision,
    traceId: r.traceId ?? str(record?.['traceId']),
    loopId: r.loopId ?? str(record?.['loopId']),
    horizonRef: r.horizonRef ?? str(record?.['horizonRef']),
    evidenceRefs: evidenceRefsOf(r, record),
    summary: { failedGates: ci.failedGates, reasonCodes: ci.reasonCodes },
    apply: {
      executed: applied !== null,
      // The intent the apply step reports it ran, as the reference reads it back from the record.
      intent: applied === null ? null : (str(record?.['intent']) ?? applied.intent),
      idempotencyKey: r.idempotencyKey,
      record,
    },
    files: r.files,
  };
};

const csvOrNone = (xs: readonly string[]): string => (xs.length === 0 ? 'none' : xs.join(', '));

/** Pure: the markdown job summary of a result (paths and codes as literal code spans). */
export const orchestrateMarkdown = (x: PromotionOrchestrateResult): string =>
  [
    '## Ops Manager Promotion Orchestration',
    '',
    `Mode: ${codeSpan(x.mode)}`,
    '',
    `Status: ${codeSpan(x.status)}`,
    '',
    `Promotion decision: ${codeSpan(x.decision)}`,
    '',
    `Failed gates: ${csvOrNone(x.summary.failedGates)}`,
    '',
    `Reason codes: ${csvOrNone(x.summary.reasonCodes)}`,
    ...(x.apply.executed ? ['', `Apply intent: ${codeSpan(x.apply.intent ?? '')}`] : []),
    '',
    `Result JSON: ${codeSpan(x.files.resultFile)}`,
    '',
    `Promotion CI result: ${codeSpan(x.files.promotionCiResultFile)}`,
    '',
  ].join('\n');
