// Every command lane of the kill harness, SIGKILLed at seeded random instants (one kill each here;
// `npm run reliability` runs 1,000 across them): reconcile with escalations and alert dispatch,
// `loop control`, harness observe/watchdog/collect, fleet reconcile/policy/handoff, cycle run, runbook
// checkpoint/rollback, and the queue on QUEUE.md and on SQLite. After every kill nothing acknowledged
// is lost or duplicated, every output parses, and the next run succeeds. Then the lock-takeover race:
// eight processes on one stale lock, round after round, some killed mid-hold, never two holders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledLauncher, type Launcher } from './reliability/launcher.js';
import { figuresLine, runKills, type Figures } from './reliability/kill-harness.js';
import { runLockRace, type RaceFigures } from './reliability/lock-race.js';
import { ALL_LANES } from './reliability/workloads.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const lanes = ALL_LANES.filter((l) => l !== 'kernel' && l !== 'loop');
let root = '';
let launcher: Launcher;
let dispose = (): void => undefined;
let figures: Figures;
let race: RaceFigures;

// The lanes and the race run at once: they share nothing but the machine.
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-lanes-'));
  const b = await bundledLauncher(join(root, 'bundle'));
  launcher = b.launcher;
  dispose = b.dispose;
  [figures, race] = await Promise.all([
    runKills({ kills: lanes.length, seed, lanes, maxDelayMs: 60, root: join(root, 'kills'), launcher }),
    runLockRace({ rounds: 3, contenders: 8, seed, root: join(root, 'race'), launcher }),
  ]);
}, 180_000);
afterAll(() => {
  dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('when every command lane is SIGKILLed at a random instant', () => {
  it('loses and duplicates nothing acknowledged, every output parses, and every next run succeeds', () => {
    const why = `seed ${seed}: ${figuresLine(figures)}\n${figures.failures.slice(0, 10).join('\n')}`;
    expect(figures.kills, why).toBe(lanes.length);
    expect(figures.acknowledged, why).toBeGreaterThan(0);
    expect([figures.lost, figures.duplicated, figures.unparsable_outputs], why).toEqual([0, 0, 0]);
    expect(figures.failures, why).toEqual([]);
  });
});

describe('when eight processes race for one stale lock, some killed while holding it', () => {
  it('never has two holders at once, and every loser exits 75', () => {
    expect(race.holds).toBeGreaterThan(0);
    expect(race.double_holders, race.failures.join('\n')).toBe(0);
    expect(race.failures).toEqual([]);
  });
});
