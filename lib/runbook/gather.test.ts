// Gathering a TOS root over memory ports: the config's dirs decide where the files are, step logs come
// in the orchestrator's order with unreadable ones kept as problems, and an unreadable config stops.
import { describe, expect, it } from 'vitest';
import { gatherTos, type TosPorts } from './gather.js';
import type { TosDoc } from './tos-facts.js';

const resolve = (...s: string[]) => s.join('/').replace(/\/+/g, '/');
const ports = (docs: Record<string, TosDoc<unknown>>, steps: string[] = []): TosPorts => ({
  read: async <A>(path: string) => (docs[path] ?? { kind: 'missing' }) as TosDoc<A>,
  stepNames: async () => steps,
  resolve,
});
const step = (n: number) => ({
  kind: 'found' as const,
  value: { step: n, phase: 'execute', status: 'ok' },
  bytes: 1,
});

describe('given a root with a config naming its own logs dir', () => {
  it('reads the step logs from there, a broken one as a problem', async () => {
    const facts = await gatherTos(
      ports(
        {
          'config_v0_3.json': { kind: 'found', value: { logs_dir: 'out' }, bytes: 1 },
          '/root/out/steps/step_001.json': step(1),
          '/root/out/steps/step_002.json': { kind: 'problem', detail: 'step_002.json:1:0: bad', bytes: 3 },
        },
        ['step_001.json', 'step_002.json'],
      ),
      '/root',
    );
    expect(facts.paths.stepsDir).toBe('/root/out/steps');
    expect(facts.stepFiles.map((f) => [f.name, f.problem])).toEqual([
      ['step_001.json', null],
      ['step_002.json', 'step_002.json:1:0: bad'],
    ]);
  });
});

describe('given an unreadable config', () => {
  it('stops with the config named', async () => {
    await expect(
      gatherTos(
        ports({ 'config_v0_3.json': { kind: 'problem', detail: 'config_v0_3.json:1:1: x', bytes: 1 } }),
        '/root',
      ),
    ).rejects.toMatchObject({
      errorLine: 'invalid config: config_v0_3.json',
      details: ['config_v0_3.json:1:1: x'],
    });
  });
});
