// In-memory stages for the controller's tests: the orchestration writes its result documents into a
// map (dry_run: the preview and the CI result), the CI writes the verify result; each call is logged.
import type { ControllerPorts, JsonRead } from './promotion-controller.js';
import type { StepRun } from './promotion-orchestrate.js';
import type { ControllerRequest } from './promotion-controller-steps.js';

export interface StageScript {
  /** The evaluated decision (default promote). */
  readonly preview?: string;
  /** The CI result's generatedAt (default the run's timestamp). */
  readonly generatedAt?: string;
  /** The verification's decision (default promote). */
  readonly verify?: string;
  /** An orchestration mode that exits with this code. */
  readonly failMode?: { readonly mode: string; readonly code: number };
  /** The verify stage exits with this code. */
  readonly verifyCode?: number;
}

export interface MemoryStages {
  readonly ports: ControllerPorts;
  /** The orchestration modes run, in order, and the CI runs as `verify`. */
  readonly calls: string[];
  readonly args: (readonly string[])[];
}

const flagValue = (args: readonly string[], flag: string): string => {
  const i = args.indexOf(flag);
  return i < 0 ? '' : (args[i + 1] ?? '');
};

export const memoryStages = (s: StageScript, timestamp: string): MemoryStages => {
  const docs = new Map<string, unknown>();
  const calls: string[] = [];
  const args: (readonly string[])[] = [];
  const orchestrate = (a: readonly string[]): Promise<StepRun> => {
    const mode = flagValue(a, '--mode');
    calls.push(mode);
    args.push(a);
    if (s.failMode?.mode === mode) return Promise.resolve({ code: s.failMode.code, out: `forced ${mode}` });
    const decision = s.preview ?? 'promote';
    if (mode === 'dry_run')
      docs.set(flagValue(a, '--promotion-ci-result-file'), {
        generatedAt: s.generatedAt ?? timestamp,
        summary: { decision },
      });
    docs.set(flagValue(a, '--result-file'), {
      mode,
      decision,
      summary: { reasonCodes: [], failedGates: [] },
    });
    return Promise.resolve({ code: 0, out: '{}' });
  };
  const ci = (a: readonly string[]): Promise<StepRun> => {
    calls.push('verify');
    args.push(a);
    if (s.verifyCode !== undefined) return Promise.resolve({ code: s.verifyCode, out: 'verify failed' });
    docs.set(flagValue(a, '--result-file'), { summary: { decision: s.verify ?? 'promote' } });
    return Promise.resolve({ code: 0, out: '{}' });
  };
  const readJson = (file: string): Promise<JsonRead> =>
    Promise.resolve(docs.has(file) ? { kind: 'found', value: docs.get(file) } : { kind: 'missing' });
  return { ports: { orchestrate, ci, readJson }, calls, args };
};

const GOVERNANCE = { actor: 'ops', approvalRef: 'CAB-1', rationale: 'why', reviewBy: '2099-01-01T00:00:00Z' };

/** A request under /repo with the reference's defaults; `over` replaces fields. */
export const controllerRequest = (over: Partial<ControllerRequest> = {}): ControllerRequest => {
  const f = (name: string) => `/repo/fleet/${name}`;
  return {
    mode: 'guarded_auto_apply',
    applyIntent: 'expand',
    expandStep: 25,
    decisionTtlMinutes: 60,
    budget: { windowHours: 24, maxAppliesPerWindow: 1, maxExpandStepPerWindow: 25, cooldownMinutes: 60 },
    repo: '/repo',
    evalFlags: [],
    files: {
      stateFile: f('state.json'),
      telemetryFile: f('telemetry.jsonl'),
      promotionCiResultFile: f('ci-result.json'),
      promotionCiSummaryFile: f('ci-summary.md'),
      verifyResultFile: f('verify-result.json'),
      verifySummaryFile: f('verify-summary.md'),
      previewResultFile: f('preview-result.json'),
      previewSummaryFile: f('preview-summary.md'),
      applyResultFile: f('apply-result.json'),
      applySummaryFile: f('apply-summary.md'),
      rollbackResultFile: f('rollback-result.json'),
      rollbackSummaryFile: f('rollback-summary.md'),
    },
    targets: { stateFile: f('state.json'), telemetryFile: f('telemetry.jsonl') },
    idempotencyKey: null,
    traceId: 'trace-1',
    loopId: null,
    horizonRef: null,
    evidenceRefs: [],
    governance: GOVERNANCE,
    ...over,
  };
};
