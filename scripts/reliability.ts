// npm run reliability: the crash harness at scale, with figures. SIGKILLs writers at seeded random
// instants (default 1,000 kills) and checks after every kill that no acknowledged record was lost or
// duplicated, every output parses and every checkpoint resumes to a full replay; then runs each
// hostile input in a fresh process and prints its peak memory. Lanes: every workload (kernel, loop,
// reconcile, control, harness, fleet, cycle, runbook, queue-md, queue-db) plus the lock-takeover race
// (--race-rounds rounds of --contenders processes on one stale lock; counts double_holders).
// Exit 1 when any check failed.
// Usage: tsx scripts/reliability.ts [--kills N] [--seed S] [--lanes kernel,loop,...] [--max-delay-ms M]
//          [--race-rounds R] [--contenders C] [--hostile-mib M] [--no-hostile] [--keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { detailLine, figuresLine, runKills } from '../property-tests/reliability/kill-harness.js';
import { bundledLauncher, launch, watch, type Launcher } from '../property-tests/reliability/launcher.js';
import { cleanCase, hostileCases } from '../property-tests/reliability/hostile-cases.js';
import { runLockRace } from '../property-tests/reliability/lock-race.js';
import { hostileItems } from '../property-tests/reliability/hostile-items.js';
import { moreHostileItems } from '../property-tests/reliability/hostile-items-more.js';
import { ALL_LANES } from '../property-tests/reliability/workloads.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '1000' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    lanes: { type: 'string', default: ALL_LANES.join(',') },
    'race-rounds': { type: 'string', default: '40' },
    contenders: { type: 'string', default: '8' },
    'max-delay-ms': { type: 'string', default: '60' },
    'hostile-mib': { type: 'string', default: '64' },
    'no-hostile': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const int = (name: string, raw: string | undefined): number => {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) {
    process.stderr.write(`error: --${name} must be a non-negative integer: ${raw}\n`);
    process.exit(64);
  }
  return n;
};

const MiB = 1024;

const runChild = async (launcher: Launcher, args: readonly string[]) => {
  const e = await watch(launch(launcher, 'hostile-child.ts', args));
  if (e.code !== 0) throw new Error(`hostile-child ${args.join(' ')} exited ${e.code}: ${e.stderr.trim()}`);
  return e.stdout.trim() === ''
    ? null
    : (JSON.parse(e.stdout.trim()) as { result: string; seconds: number; maxRssKiB: number });
};

/** One line per hostile case: input size, peak RSS of the process that parsed it, time, outcome. */
const hostile = async (launcher: Launcher, root: string, mib: number): Promise<void> => {
  const idle = await runChild(launcher, ['idle']);
  process.stdout.write(`hostile baseline peak_rss_mib=${Math.round((idle?.maxRssKiB ?? 0) / MiB)}\n`);
  for (const c of hostileCases) {
    const dir = join(root, `hostile-${c.name}`);
    await runChild(launcher, ['build', c.name, dir, String(mib)]);
    const r = await runChild(launcher, ['run', c.name, dir, String(mib)]);
    await cleanCase(dir);
    process.stdout.write(
      `hostile case=${c.name} input_mib=${mib} peak_rss_mib=${Math.round((r?.maxRssKiB ?? 0) / MiB)} ` +
        `seconds=${r?.seconds.toFixed(2)} result=${r?.result}\n`,
    );
  }
};

/** The hostile-input lane: one case per item; a pending case (fixed on another branch) is reported, not failed. */
const hostileLane = async (root: string): Promise<string[]> => {
  const failures: string[] = [];
  let held = 0;
  let pending = 0;
  for (const [i, c] of [...hostileItems, ...moreHostileItems].entries()) {
    const problem = await c.run(join(root, `item-${i}`)).catch((err: unknown) => String(err));
    if (problem === null) held += 1;
    else if (c.pending !== undefined) pending += 1;
    else failures.push(`hostile item ${c.item} (${c.name}): ${problem}`);
  }
  process.stdout.write(`hostile_items held=${held} pending=${pending} broken=${failures.length}\n`);
  return failures;
};

const main = async (): Promise<number> => {
  const kills = int('kills', values.kills);
  const seed = int('seed', values.seed);
  const root = mkdtempSync(join(tmpdir(), 'opsfold-reliability-'));
  const { launcher, bundled, dispose } = await bundledLauncher(join(root, 'bundle'));
  process.stderr.write(
    `reliability: seed=${seed} kills=${kills} lanes=${values.lanes} children=${bundled ? 'bundled' : 'tsx'} dir=${root}\n`,
  );
  const figures = await runKills({
    kills,
    seed,
    lanes: (values.lanes ?? '').split(',').filter((l) => l !== ''),
    maxDelayMs: int('max-delay-ms', values['max-delay-ms']),
    root: join(root, 'kills'),
    launcher,
    onKill: (lane, k) => {
      if (k % 50 === 0) process.stderr.write(`  ${lane}: ${k} kills\n`);
    },
  });
  const race = await runLockRace({
    rounds: int('race-rounds', values['race-rounds']),
    contenders: int('contenders', values.contenders),
    seed,
    root: join(root, 'race'),
    launcher,
  });
  figures.kills += race.kills;
  figures.double_holders = race.double_holders;
  figures.failures.push(...race.failures);
  const hostileFailures = await hostileLane(join(root, 'hostile-items'));
  figures.failures.push(...hostileFailures);
  process.stdout.write(`${figuresLine(figures)}\n${detailLine(figures)}\n`);
  process.stdout.write(`lock_race rounds=${race.rounds} holds=${race.holds} kills=${race.kills}\n`);
  for (const f of figures.failures.slice(0, 20)) process.stdout.write(`failure: ${f}\n`);
  if (values['no-hostile'] !== true) await hostile(launcher, root, int('hostile-mib', values['hostile-mib']));
  dispose();
  if (values.keep !== true) rmSync(root, { recursive: true, force: true });
  process.stdout.write(`seed=${seed} (rerun with --seed ${seed})\n`);
  return figures.failures.length === 0 ? 0 : 1;
};

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
