// The lock-takeover race lane: many processes contend for one stale lock at once (lib/io/lock-dir.ts's
// exclusive takeover), round after round, and one contender is SIGKILLed at a seeded random instant in
// about half the rounds (leaving its lock for the next round to take over). Every holder notes `enter`
// and `exit` in a side log (O_APPEND, so in the order things happened); two `enter` lines in a row are a
// double holder. Contenders must end with 0 (held it) or 75 (lock busy), never anything else.
import { existsSync, mkdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launch, watch, type Launcher } from './launcher.js';
import { mixSeed, rngOf } from './rng.js';

export interface RaceOptions {
  readonly rounds: number;
  readonly contenders: number;
  readonly seed: number;
  readonly root: string;
  readonly launcher: Launcher;
}

export interface RaceFigures {
  rounds: number;
  kills: number;
  holds: number;
  double_holders: number;
  failures: string[];
}

/** Holder lines that entered while another held the lock (or exited without holding it). */
export const holderOverlaps = (text: string): string[] => {
  const problems: string[] = [];
  let holder: string | null = null;
  for (const [i, l] of text
    .split('\n')
    .filter((x) => x !== '')
    .entries()) {
    const [what, id] = l.split(' ');
    if (what === 'enter' && holder !== null)
      problems.push(`line ${i + 1}: ${id} entered while ${holder} held`);
    holder = what === 'enter' ? (id ?? '?') : null;
  }
  return problems;
};

const makeStale = (lockDir: string): void => {
  mkdirSync(lockDir, { recursive: true });
  const longAgo = new Date(Date.now() - 60_000);
  utimesSync(lockDir, longAgo, longAgo);
};

const round = async (r: number, o: RaceOptions, f: RaceFigures): Promise<void> => {
  const rng = rngOf(mixSeed(o.seed, 0x10c, r));
  const dir = join(o.root, `round-${r}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'shared.json');
  const holders = join(dir, 'holders.log');
  makeStale(`${file}.lock`);
  const children = Array.from({ length: o.contenders }, (_, i) =>
    launch(o.launcher, 'lock-child.ts', ['hold', file, holders, `c${i}`, '0', String(20 + rng.int(40))]),
  );
  const exits = children.map((c) => watch(c));
  const victim = rng.chance(0.5) ? children[rng.int(children.length)] : undefined;
  if (victim !== undefined) {
    await sleep(rng.int(120));
    victim.kill('SIGKILL');
  }
  for (const [i, e] of (await Promise.all(exits)).entries()) {
    if (e.signal === 'SIGKILL') f.kills += 1;
    else if (e.code !== 0 && e.code !== 75)
      f.failures.push(`lock race round ${r} c${i} exited ${e.code}: ${e.stderr.trim().slice(0, 300)}`);
  }
  const text = existsSync(holders) ? readFileSync(holders, 'utf8') : '';
  f.holds += text.split('\n').filter((l) => l.startsWith('enter ')).length;
  const overlaps = holderOverlaps(text);
  f.double_holders += overlaps.length;
  f.failures.push(...overlaps.map((p) => `lock race round ${r}: ${p}`));
  f.rounds += 1;
};

/** Runs the rounds one after another; failures are listed, never thrown. */
export const runLockRace = async (o: RaceOptions): Promise<RaceFigures> => {
  const f: RaceFigures = { rounds: 0, kills: 0, holds: 0, double_holders: 0, failures: [] };
  for (let r = 0; r < o.rounds; r += 1) await round(r, o, f);
  return f;
};
