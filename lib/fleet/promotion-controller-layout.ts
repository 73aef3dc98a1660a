// Where the controller's files live by default (under the repo's fleet directory) and which flag names
// each, and the evaluation flags it forwards to every stage: the reference's names.
import type { ControllerFileKey } from './promotion-controller-codecs.js';

/** Forwarded to every stage when given. */
export const EVAL_FLAGS = [
  'fleet-status-file',
  'handoff-telemetry-file',
  'drill-state-file',
  'window-executions',
  'min-sample-size',
  'max-ambiguity-rate',
  'max-failure-rate',
  'max-manual-backlog',
  'max-drill-age-hours',
] as const;

/** Each file flag, its state key and its default under fleet/. */
export const FILE_FLAGS: Record<ControllerFileKey, readonly [string, string]> = {
  stateFile: ['state-file', 'promotion-controller-state.json'],
  telemetryFile: ['telemetry-file', 'telemetry/promotion-controller.jsonl'],
  promotionCiResultFile: ['promotion-ci-result-file', 'promotion-controller-ci-result.json'],
  promotionCiSummaryFile: ['promotion-ci-summary-file', 'promotion-controller-ci-summary.md'],
  verifyResultFile: ['verify-result-file', 'promotion-controller-verify-ci-result.json'],
  verifySummaryFile: ['verify-summary-file', 'promotion-controller-verify-ci-summary.md'],
  previewResultFile: ['preview-result-file', 'promotion-controller-preview-result.json'],
  previewSummaryFile: ['preview-summary-file', 'promotion-controller-preview-summary.md'],
  applyResultFile: ['apply-result-file', 'promotion-controller-apply-result.json'],
  applySummaryFile: ['apply-summary-file', 'promotion-controller-apply-summary.md'],
  rollbackResultFile: ['rollback-result-file', 'promotion-controller-rollback-result.json'],
  rollbackSummaryFile: ['rollback-summary-file', 'promotion-controller-rollback-summary.md'],
};
