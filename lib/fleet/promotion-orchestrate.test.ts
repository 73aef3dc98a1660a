// Given in-memory steps, when an orchestration runs, then which steps ran with which arguments, the
// result document, its summary and the effects — or the failing step's code and output.
import { describe, expect, it } from 'vitest';
import type { OrchestrateRequest } from './promotion-orchestrate-steps.js';
import {
  runPromotionOrchestrate,
  type CiResultRead,
  type OrchestratePorts,
  type StepRun,
} from './promotion-orchestrate.js';

const TS = '2026-03-01T00:00:00Z';
const TARGETS = { resultFile: 'out/result.json', summaryFile: 'out/summary.md' };

const request = (over: Partial<OrchestrateRequest> = {}): OrchestrateRequest => ({
  mode: 'dry_run',
  applyIntent: 'expand',
  expandStep: 25,
  repo: '/repo',
  ciFlags: [],
  files: {
    resultFile: '/out/result.json',
    summaryFile: '/out/summary.md',
    promotionCiResultFile: '/out/ci.json',
    promotionCiSummaryFile: '/out/ci.md',
  },
  idempotencyKey: null,
  traceId: null,
  loopId: null,
  horizonRef: null,
  evidenceRefs: [],
  governance: { actor: 'ops', approvalRef: 'CAB-1', rationale: 'r', reviewBy: '2026-06-01T00:00:00Z' },
  ...over,
});

const ciDoc = (decision: string) => ({
  summary: { decision, failedGates: ['sample'], reasonCodes: ['x_low'] },
});

/** Steps that record their arguments; apply answers with a record echoing its intent. */
const ports = (o: { ci?: StepRun; apply?: StepRun; read?: CiResultRead } = {}) => {
  const calls: { step: string; args: readonly string[] }[] = [];
  const p: OrchestratePorts = {
    ci: (args) => {
      calls.push({ step: 'ci', args });
      return Promise.resolve(o.ci ?? { code: 0, out: '{}' });
    },
    apply: (args) => {
      calls.push({ step: 'apply', args });
      const intent = args[args.indexOf('--intent') + 1];
      const record = { intent, traceId: 'trace-from-apply', files: { applyStateFile: '/repo/apply.json' } };
      return Promise.resolve(o.apply ?? { code: 0, out: JSON.stringify(record) });
    },
    readCiResult: () => Promise.resolve(o.read ?? { kind: 'found', value: ciDoc('promote') }),
  };
  return { p, calls };
};

describe('when the mode is dry_run', () => {
  it('runs only the CI step and previews its decision', async () => {
    const { p, calls } = ports({ read: { kind: 'found', value: ciDoc('hold') } });
    const out = await runPromotionOrchestrate(request({ ciFlags: ['--fail-on-hold'] }), p, TARGETS, TS);
    expect(calls.map((c) => c.step)).toEqual(['ci']);
    expect(calls[0]?.args).toEqual([
      '--repo',
      '/repo',
      '--result-file',
      '/out/ci.json',
      '--summary-file',
      '/out/ci.md',
      '--fail-on-hold',
    ]);
    expect(out.kind === 'done' && out.result).toMatchObject({
      mode: 'dry_run',
      status: 'preview',
      decision: 'hold',
      traceId: null,
      summary: { failedGates: ['sample'], reasonCodes: ['x_low'] },
      apply: { executed: false, intent: null, record: null },
      evidenceRefs: ['/out/ci.json', '/out/ci.md'],
    });
  });
  it('writes the result and the summary', async () => {
    const out = await runPromotionOrchestrate(request(), ports().p, TARGETS, TS);
    if (out.kind !== 'done') throw new Error(out.kind);
    expect(out.effects.map((e) => [e.kind, 'path' in e ? e.path : ''])).toEqual([
      ['write', 'out/result.json'],
      ['text', 'out/summary.md'],
    ]);
    expect(out.markdown).toContain('Status: `preview`');
    expect(out.markdown).not.toContain('Apply intent');
  });
});

describe('when the mode is apply', () => {
  it('forwards intent, step, key, trace and seam fields to the apply step and reports applied', async () => {
    const { p, calls } = ports();
    const r = request({
      mode: 'apply',
      idempotencyKey: 'k',
      traceId: 't',
      loopId: 'l',
      evidenceRefs: ['e://1'],
    });
    const out = await runPromotionOrchestrate(r, p, TARGETS, TS);
    const args = calls[1]?.args ?? [];
    expect(args.slice(0, 6)).toEqual([
      '--repo',
      '/repo',
      '--promotion-state-file',
      '/out/ci.json',
      '--intent',
      'expand',
    ]);
    expect(args.join(' ')).toContain(
      '--expand-step 25 --idempotency-key k --trace-id t --loop-id l --evidence-ref e://1',
    );
    expect(out.kind === 'done' && out.result).toMatchObject({
      status: 'applied',
      traceId: 't',
      apply: { executed: true, intent: 'expand', idempotencyKey: 'k' },
      evidenceRefs: ['/out/ci.json', '/out/ci.md', '/repo/apply.json', 'e://1'],
    });
  });
  it('takes the trace id from the apply record when none was given', async () => {
    const out = await runPromotionOrchestrate(request({ mode: 'apply' }), ports().p, TARGETS, TS);
    expect(out.kind === 'done' && out.result.traceId).toBe('trace-from-apply');
  });
  it('passes no --expand-step for intent resume', async () => {
    const { p, calls } = ports();
    await runPromotionOrchestrate(request({ mode: 'apply', applyIntent: 'resume' }), p, TARGETS, TS);
    expect(calls[1]?.args).not.toContain('--expand-step');
  });
});

describe('when the mode is rollback', () => {
  it('runs the apply step with intent rollback and reports rolled_back', async () => {
    const { p, calls } = ports({ read: { kind: 'found', value: ciDoc('hold') } });
    const out = await runPromotionOrchestrate(request({ mode: 'rollback' }), p, TARGETS, TS);
    expect(calls[1]?.args).toContain('rollback');
    expect(out.kind === 'done' && out.result).toMatchObject({
      status: 'rolled_back',
      apply: { intent: 'rollback' },
    });
  });
});

describe('when a step fails or answers badly', () => {
  it('stops at a failing CI step with its code and output, running no apply', async () => {
    const { p, calls } = ports({ ci: { code: 2, out: 'held' } });
    const out = await runPromotionOrchestrate(request({ mode: 'apply' }), p, TARGETS, TS);
    expect(out).toEqual({ kind: 'step_failed', step: 'ci', code: 2, out: 'held' });
    expect(calls).toHaveLength(1);
  });
  it('stops at a failing apply step with its code and output', async () => {
    const { p } = ports({ apply: { code: 7, out: 'requires promotion decision promote' } });
    const out = await runPromotionOrchestrate(request({ mode: 'apply' }), p, TARGETS, TS);
    expect(out).toMatchObject({ kind: 'step_failed', step: 'apply', code: 7 });
  });
  it.each([
    [{ read: { kind: 'missing' } }, 'promotion CI result file not found: /out/ci.json'],
    [{ read: { kind: 'invalid', detail: 'x' } }, 'invalid promotion CI result JSON: /out/ci.json'],
    [{ apply: { code: 0, out: 'not json' } }, 'promotion apply output was not valid JSON'],
  ] as const)('refuses with the reference line (%#)', async (o, line) => {
    const out = await runPromotionOrchestrate(request({ mode: 'apply' }), ports(o).p, TARGETS, TS);
    expect(out.kind === 'refused' && out.errorLine).toBe(line);
  });
});
