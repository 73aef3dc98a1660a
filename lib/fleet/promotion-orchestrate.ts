// `fleet promotion-orchestrate` as one step over ports: run the promotion CI step, read its result,
// run the apply step for apply and rollback, and return the result document, its markdown summary and
// the effects that record them. The steps are ports, so the runner can run opsfold's own commands in
// process or an operator's replacement scripts, and a test can run them in memory. No I/O here.
// Laws: dry_run never runs the apply step; a failing step stops the orchestration with that step's
// exit code and output, and nothing is written.
import { isObject, type JsonObject } from '../core/json-object.js';
import type { Effect } from '../io/effects.js';
import type { PromotionOrchestrateResult } from './promotion-orchestrate-codecs.js';
import { orchestrateMarkdown, orchestrateResultOf } from './promotion-orchestrate-result.js';
import {
  applyStepArgs,
  ciStepArgs,
  stepIntentOf,
  type OrchestrateRequest,
} from './promotion-orchestrate-steps.js';

/** A step's exit code and its output (stdout, then stderr on failure). */
export interface StepRun {
  readonly code: number;
  readonly out: string;
}

/** The CI result document as read: absent, unreadable (with the reason), or its parsed JSON. */
export type CiResultRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly detail: string }
  | { readonly kind: 'found'; readonly value: unknown };

export interface OrchestratePorts {
  /** Runs the promotion CI step with these arguments. */
  readonly ci: (args: readonly string[]) => Promise<StepRun>;
  /** Runs the promotion apply step with these arguments. */
  readonly apply: (args: readonly string[]) => Promise<StepRun>;
  /** Reads the CI result file the CI step wrote (request.files.promotionCiResultFile). */
  readonly readCiResult: () => Promise<CiResultRead>;
}

/** Where the result and summary are written (paths for the Store). */
export interface OrchestrateTargets {
  readonly resultFile: string;
  readonly summaryFile: string;
}

export type OrchestrateOutcome =
  /** A step exited non-zero: the orchestration exits with its code and shows its output. */
  | {
      readonly kind: 'step_failed';
      readonly step: 'ci' | 'apply';
      readonly code: number;
      readonly out: string;
    }
  /** The reference's `error:` line and details (exit 1). */
  | { readonly kind: 'refused'; readonly errorLine: string; readonly details: readonly string[] }
  | {
      readonly kind: 'done';
      readonly result: PromotionOrchestrateResult;
      readonly markdown: string;
      readonly effects: readonly Effect[];
    };

const refused = (errorLine: string, details: readonly string[] = []): OrchestrateOutcome => ({
  kind: 'refused',
  errorLine,
  details,
});

const ciResultOf = async (r: OrchestrateRequest, ports: OrchestratePorts) => {
  const file = r.files.promotionCiResultFile;
  const read = await ports.readCiResult();
  if (read.kind === 'missing') return refused(`promotion CI result file not found: ${file}`);
  if (read.kind === 'invalid') return refused(`invalid promotion CI result JSON: ${file}`, [read.detail]);
  return { kind: 'ci' as const, value: read.value };
};

const parseRecord = (out: string): JsonObject | null => {
  try {
    const v = JSON.parse(out) as unknown;
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
};

/**
 * Runs one orchestration at `timestamp` (the run's instant, second precision) through `ports`; the
 * caller applies `effects` (result document, summary) and prints `result`.
 */
export const runPromotionOrchestrate = async (
  r: OrchestrateRequest,
  ports: OrchestratePorts,
  targets: OrchestrateTargets,
  timestamp: string,
): Promise<OrchestrateOutcome> => {
  const ci = await ports.ci(ciStepArgs(r));
  if (ci.code !== 0) return { kind: 'step_failed', step: 'ci', code: ci.code, out: ci.out };
  const ciResult = await ciResultOf(r, ports);
  if (ciResult.kind !== 'ci') return ciResult;
  const intent = stepIntentOf(r);
  let applied = null;
  if (intent !== null) {
    if (r.governance === null) return refused(`--by is required for mode ${r.mode}`);
    const run = await ports.apply(applyStepArgs(r, intent, r.governance));
    if (run.code !== 0) return { kind: 'step_failed', step: 'apply', code: run.code, out: run.out };
    const record = parseRecord(run.out);
    if (record === null) return refused('promotion apply output was not valid JSON');
    applied = { intent, record };
  }
  const result = orchestrateResultOf(r, ciResult.value, applied, timestamp);
  const markdown = orchestrateMarkdown(result);
  const effects: Effect[] = [
    { kind: 'write', path: targets.resultFile, value: result },
    { kind: 'text', path: targets.summaryFile, text: markdown },
  ];
  return { kind: 'done', result, markdown, effects };
};
