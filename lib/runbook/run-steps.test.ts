// The runbook steps over memory ports: notes are told before anything is written, a SummaryFile that
// would overwrite an orchestrator file is a usage error, and clean names each file it removed.
import { describe, expect, it } from 'vitest';
import type { TosDoc } from './tos-facts.js';
import { cleanRoot, runSummary, runTest, type RunbookPorts } from './run-steps.js';
import type { TosEffect } from './summary-plan.js';

const resolve = (...s: string[]) => s.join('/').replace(/\/+/g, '/');
const ports = (docs: Record<string, TosDoc<unknown>>, steps: string[] = []) => {
  const said: string[] = [];
  const applied: TosEffect[] = [];
  const p: RunbookPorts = {
    read: async <A>(path: string) => (docs[path] ?? { kind: 'missing' }) as TosDoc<A>,
    stepNames: async () => steps,
    resolve,
    summaryFiles: (root, arg) => ({
      json: resolve(root, arg),
      txt: resolve(root, arg.replace(/\.json$/, '.txt')),
    }),
    apply: async (effects) => {
      said.push('applied');
      applied.push(...effects);
    },
    relative: (root, path) => path.slice(root.length + 1),
    note: (line) => said.push(line),
  };
  return { p, said, applied };
};
const step = { kind: 'found' as const, value: { step: 1, phase: 'execute', status: 'ok' }, bytes: 1 };
const broken = { kind: 'problem' as const, detail: 'step_002.json:1:0: bad', bytes: 1 };

describe('given a root with one readable and one broken step log', () => {
  const docs = { '/r/logs/steps/step_001.json': step, '/r/logs/steps/step_002.json': broken };
  const names = ['step_001.json', 'step_002.json'];

  it('summary tells the broken log before writing phase_summary.json and the SummaryFile', async () => {
    const { p, said, applied } = ports(docs, names);
    const line = await runSummary(p, '/r', '2026-03-01T00:00:00Z', 'logs/last_run_summary.json');
    expect(said.slice(-2)).toEqual(['note: step log not folded: step_002.json:1:0: bad', 'applied']);
    expect(applied.map((e) => e.path)).toEqual([
      '/r/logs/phase_summary.json',
      '/r/logs/last_run_summary.json',
      '/r/logs/last_run_summary.txt',
    ]);
    expect(typeof line).toBe('string');
  });

  it('test without a SummaryFile writes nothing and fails on the unreadable step', async () => {
    const { p, said } = ports(docs, names);
    const outcome = await runTest(p, '/r', {
      asOf: '2026-03-01T00:00:00Z',
      summaryArg: undefined,
      json: false,
    });
    expect(said).not.toContain('applied');
    expect(outcome.verdict.decision.value).toBe('failed');
  });

  it('a SummaryFile on an orchestrator file is refused as a usage error', async () => {
    const { p } = ports(docs, names);
    await expect(
      runSummary(p, '/r', '2026-03-01T00:00:00Z', 'logs/phase_summary.json'),
    ).rejects.toMatchObject({
      errorLine: '--summary-file would overwrite logs/phase_summary.json',
      usage: true,
    });
  });
});

describe('given a root to clean', () => {
  it('removes the step logs and the run files, naming only those that were there', async () => {
    const { p } = ports({}, ['step_001.json']);
    const there = new Set(['/r/logs/steps/step_001.json', '/r/logs/phase_summary.json']);
    const text = await cleanRoot(p, '/r', async (file) => there.has(file));
    expect(text).toBe(
      'cleanup start\nremoved logs/steps/step_001.json\nremoved logs/phase_summary.json\ncleanup done\n',
    );
  });
});
