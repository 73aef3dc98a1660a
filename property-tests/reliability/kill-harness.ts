// The kill harness: in each lane a child runs one workload in a loop; the parent SIGKILLs it at a
// seeded random instant (mostly a few ms into its work, sometimes during start-up), checks every
// promise over the files it left (verify.ts), restarts it, and so on. A lane ends with a clean run
// that must finish on its own, which also proves a lock left by the last kill was recovered.
import { promises as fsp, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ageLocks } from './age-locks.js';
import { launch, watch, type Launcher } from './launcher.js';
import { mixSeed, rngOf, type Rng } from './rng.js';
import { verify, type Check } from './verify.js';
import { STALE_MS, type Workload } from './workload.js';
import { workloads } from './workloads.js';

export interface KillOptions {
  readonly kills: number;
  readonly seed: number;
  /** One lane per entry, running that workload; lanes run at the same time. */
  readonly lanes: readonly string[];
  /** Kill instants are uniform in [0, maxDelayMs] after the child is ready. */
  readonly maxDelayMs: number;
  readonly root: string;
  readonly launcher: Launcher;
  readonly onKill?: (lane: string, kill: number, check: Check) => void;
}

export interface Figures {
  kills: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  unparsable_outputs: number;
  checkpoint_mismatches: number;
  torn_tails_seen: number;
  sealed_fragments: number;
  stale_locks_recovered: number;
  orphan_temp_files: number;
  quarantine_repeats: number;
  /** Filled by the lock-takeover race lane (lock-race.ts): two processes holding one lock at once. */
  double_holders: number;
  failures: string[];
}

const emptyFigures = (): Figures => ({
  kills: 0,
  acknowledged: 0,
  lost: 0,
  duplicated: 0,
  unparsable_outputs: 0,
  checkpoint_mismatches: 0,
  torn_tails_seen: 0,
  sealed_fragments: 0,
  stale_locks_recovered: 0,
  orphan_temp_files: 0,
  quarantine_repeats: 0,
  double_holders: 0,
  failures: [],
});

/** How long until a lock left behind becomes stale (0 when there is none). */
const staleWait = (locks: readonly string[], now: number): number => {
  let wait = 0;
  for (const f of locks) {
    const st = (() => {
      try {
        return statSync(`${f}.lock`);
      } catch {
        return null;
      }
    })();
    if (st !== null) wait = Math.max(wait, st.mtimeMs + STALE_MS + 250 - now);
  }
  return Math.max(0, wait);
};

interface Lane {
  readonly name: string;
  readonly dir: string;
  readonly workload: Workload;
  readonly rng: Rng;
  readonly lost: Set<string>;
  readonly duplicated: Set<string>;
  last: Check | null;
}

/** Runs one child and SIGKILLs it at a random instant; a child that ends on its own is a failure. */
const killOnce = async (lane: Lane, gen: number, o: KillOptions): Promise<string | null> => {
  const stale = staleWait(lane.workload.layout(lane.dir).locks, Date.now());
  const duringStartup = lane.rng.chance(0.1);
  const delay = lane.rng.next() * o.maxDelayMs + (duringStartup ? 0 : stale);
  const child = launch(o.launcher, 'kill-child.ts', [
    lane.workload.name,
    lane.dir,
    String(gen),
    String(o.seed),
  ]);
  let fire = (): void => undefined;
  const ready = new Promise<void>((r) => (fire = r));
  const exited = watch(child, (line) => line === 'ready' && fire());
  if (!duringStartup) await Promise.race([ready, exited]);
  await Promise.race([sleep(delay), exited]);
  child.kill('SIGKILL');
  const e = await exited;
  if (e.signal === 'SIGKILL') return null;
  return `${lane.name} generation ${gen}: the child ended on its own (code ${e.code}): ${e.stderr.trim()}`;
};

/** A last child that runs two steps and must exit 0 (after taking over any stale lock). */
const cleanRun = async (lane: Lane, gen: number, o: KillOptions): Promise<string | null> => {
  const child = launch(o.launcher, 'kill-child.ts', [
    lane.workload.name,
    lane.dir,
    String(gen),
    String(o.seed),
    '2',
  ]);
  const e = await watch(child);
  return e.code === 0 ? null : `${lane.name} final clean run exited ${e.code}: ${e.stderr.trim()}`;
};

const record = (lane: Lane, c: Check, f: Figures, where: string): void => {
  c.lost.forEach((id) => lane.lost.add(id));
  c.duplicated.forEach((id) => lane.duplicated.add(id));
  f.unparsable_outputs += c.unparsable.length;
  f.checkpoint_mismatches += c.mismatches.length;
  f.torn_tails_seen += c.tornTails;
  const problems = [...c.lost.map((id) => `lost ${id}`), ...c.duplicated.map((id) => `duplicated ${id}`)];
  for (const p of [...problems, ...c.unparsable, ...c.mismatches]) f.failures.push(`${where}: ${p}`);
  lane.last = c;
};

const runLane = async (lane: Lane, kills: number, o: KillOptions, f: Figures): Promise<void> => {
  await lane.workload.setup(lane.dir);
  for (let gen = 1; gen <= kills; gen += 1) {
    if (staleWait(lane.workload.layout(lane.dir).locks, Date.now()) > 0) f.stale_locks_recovered += 1;
    const failure = await killOnce(lane, gen, o);
    if (failure !== null) f.failures.push(failure);
    f.kills += 1;
    const aged = lane.workload.layout(lane.dir).ageLocksUnder;
    if (aged !== undefined) f.stale_locks_recovered += await ageLocks(aged);
    const c = await verify(lane.dir, lane.workload.layout(lane.dir));
    record(lane, c, f, `${lane.name} kill ${gen}`);
    o.onKill?.(lane.name, gen, c);
  }
  const failure = await cleanRun(lane, kills + 1, o);
  if (failure !== null) f.failures.push(failure);
  record(lane, await verify(lane.dir, lane.workload.layout(lane.dir)), f, `${lane.name} final`);
};

/** Runs `kills` kills spread over the lanes; returns the figures (failures listed, never thrown). */
export const runKills = async (o: KillOptions): Promise<Figures> => {
  const f = emptyFigures();
  const lanes: Lane[] = o.lanes.map((name, i) => {
    const workload = workloads[name];
    if (workload === undefined)
      throw new Error(`unknown workload: ${name} (known: ${Object.keys(workloads).join(', ')})`);
    return {
      name: `${name}#${i}`,
      dir: join(o.root, `lane-${i}-${name}`),
      workload,
      rng: rngOf(mixSeed(o.seed, i)),
      lost: new Set(),
      duplicated: new Set(),
      last: null,
    };
  });
  await fsp.mkdir(o.root, { recursive: true });
  const share = (i: number) => Math.floor(o.kills / lanes.length) + (i < o.kills % lanes.length ? 1 : 0);
  await Promise.all(lanes.map((lane, i) => runLane(lane, share(i), o, f)));
  for (const lane of lanes) {
    f.lost += lane.lost.size;
    f.duplicated += lane.duplicated.size;
    f.acknowledged += lane.last?.acknowledged ?? 0;
    f.sealed_fragments += lane.last?.corruptLines ?? 0;
    f.orphan_temp_files += lane.last?.orphanTemps ?? 0;
    f.quarantine_repeats += lane.last?.quarantineRepeats ?? 0;
  }
  return f;
};

/** The figures line `npm run reliability` prints first. */
export const figuresLine = (f: Figures): string =>
  `kills=${f.kills} acknowledged=${f.acknowledged} lost=${f.lost} duplicated=${f.duplicated} ` +
  `unparsable_outputs=${f.unparsable_outputs} double_holders=${f.double_holders}`;

/** The second line: what else the kills exercised and left behind. */
export const detailLine = (f: Figures): string =>
  `checkpoint_mismatches=${f.checkpoint_mismatches} torn_tails_seen=${f.torn_tails_seen} ` +
  `sealed_fragments=${f.sealed_fragments} stale_locks_recovered=${f.stale_locks_recovered} ` +
  `orphan_temp_files=${f.orphan_temp_files} quarantine_repeats=${f.quarantine_repeats}`;
