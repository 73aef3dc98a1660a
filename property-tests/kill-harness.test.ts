// Nothing acknowledged is lost when a writer is SIGKILLed at any instant (property-tests/reliability/
// kill-harness.ts). A fixed-seed 25 kills over the kernel workload (appendJsonl, foldFile,
// writeJsonAtomic, saveFoldCheckpoint) and the loop workload (appendJsonl, `loop project-state` and
// `loop poll-events` with --skip-corrupt); `npm run reliability` runs 1,000.
// After every kill: every acknowledged record is in the log exactly once, every output file parses and
// passes its contract, every checkpoint sits on a line boundary, equals a fresh fold of the bytes before
// its cursor (state, line count, sha256 mid-state) and resumes to the same result as a full replay.
// Each lane ends with a run that must finish on its own, after taking over any lock the last kill left.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledLauncher } from './reliability/launcher.js';
import { figuresLine, runKills, type Figures } from './reliability/kill-harness.js';

const seed = Number(process.env.FC_SEED ?? 424242);
let root = '';
let figures: Figures;
let dispose = (): void => undefined;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-kill-'));
  const b = await bundledLauncher(join(root, 'bundle'));
  dispose = b.dispose;
  const { launcher } = b;
  figures = await runKills({
    kills: 25,
    seed,
    lanes: ['kernel', 'loop'],
    maxDelayMs: 60,
    root: join(root, 'kills'),
    launcher,
  });
}, 180_000);
afterAll(() => {
  dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('when writers are SIGKILLed 25 times at random instants', () => {
  it('loses and duplicates no acknowledged record, and every output parses', () => {
    const why = `seed ${seed}: ${figuresLine(figures)}\n${figures.failures.slice(0, 10).join('\n')}`;
    expect(figures.kills, why).toBe(25);
    expect(figures.acknowledged, why).toBeGreaterThan(0);
    expect([figures.lost, figures.duplicated, figures.unparsable_outputs], why).toEqual([0, 0, 0]);
  });

  it('resumes every checkpoint to the state of a full replay, never past a torn tail', () => {
    expect(figures.checkpoint_mismatches, figures.failures.join('\n')).toBe(0);
  });

  it('ends each lane with a clean run (locks left by kills recovered), with no other failure', () => {
    expect(figures.failures, `seed ${seed}`).toEqual([]);
  });
});
