// Where the controller's files live by default, under the repo's fleet directory: the reference's
// paths. The command line names each file by its own flag (runners/fleet/promotion-controller-flags.ts).
import type { ControllerFileKey } from './promotion-controller-codecs.js';

/** Each controller file's default path, relative to fleet/. */
export const CONTROLLER_FILE_DEFAULTS: Readonly<Record<ControllerFileKey, string>> = {
  stateFile: 'promotion-controller-state.json',
  telemetryFile: 'telemetry/promotion-controller.jsonl',
  promotionCiResultFile: 'promotion-controller-ci-result.json',
  promotionCiSummaryFile: 'promotion-controller-ci-summary.md',
  verifyResultFile: 'promotion-controller-verify-ci-result.json',
  verifySummaryFile: 'promotion-controller-verify-ci-summary.md',
  previewResultFile: 'promotion-controller-preview-result.json',
  previewSummaryFile: 'promotion-controller-preview-summary.md',
  applyResultFile: 'promotion-controller-apply-result.json',
  applySummaryFile: 'promotion-controller-apply-summary.md',
  rollbackResultFile: 'promotion-controller-rollback-result.json',
  rollbackSummaryFile: 'promotion-controller-rollback-summary.md',
};
