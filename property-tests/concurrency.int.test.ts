// Concurrent use, with real processes (property-tests/reliability/lock-child.ts):
//   - 2, 5 and 8 processes appending to one log at once leave only whole lines, each writer's records
//     in its order, exactly once; the side log of lock holders never shows two holders at once;
//   - processes that fail fast on a held lock exit 75 (the documented code) and the others complete;
//   - a lock left by a SIGKILLed holder blocks fail-fast callers until it is stale, then is taken over;
//   - processes running `loop project-state` on the same loop while events are appended all exit 0,
//     and what they leave parses and resumes to a full replay.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockConflict, withLock } from '../lib/io/lock.js';
import { foldFile } from '../lib/io/fold-file.js';
import { loopEventsProjection } from '../lib/loop/events-projection.js';
import { decodeLoopEventLine } from '../lib/loop/event-guard.js';
import { ManagerState } from '../lib/loop/state-codec.js';
import { LoopRunSnapshot } from '../lib/loop/codecs.js';
import { bundledLauncher, launch, watch, type Exited, type Launcher } from './reliability/launcher.js';
import { AS_OF } from './reliability/loop-workload.js';

let root = '';
let launcher: Launcher;
let dispose = (): void => undefined;
let n = 0;
const fresh = (): string => {
  n += 1;
  const dir = join(root, `case-${n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const child = (...args: string[]): Promise<Exited> => watch(launch(launcher, 'lock-child.ts', args));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-concurrency-'));
  const b = await bundledLauncher(join(root, 'bundle'));
  launcher = b.launcher;
  dispose = b.dispose;
}, 60_000);
afterAll(() => {
  dispose();
  rmSync(root, { recursive: true, force: true });
});

/** The holders side log as [what, id] pairs; every `enter` must be followed by the same id's `exit`. */
const holderOverlaps = (file: string): string[] => {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const problems: string[] = [];
  let holder: string | null = null;
  for (const [i, l] of lines.entries()) {
    const [what, id] = l.split(' ');
    if (what === 'enter' && holder !== null)
      problems.push(`line ${i + 1}: ${id} entered while ${holder} held the lock`);
    if (what === 'exit' && holder !== id)
      problems.push(`line ${i + 1}: ${id} exited without holding the lock`);
    holder = what === 'enter' ? (id ?? '?') : null;
  }
  return problems;
};

describe.each([2, 5, 8])('when %i processes append to the same log at once', (procs) => {
  it('leaves whole lines only, each record once and in its writer order, one lock holder at a time', async () => {
    const dir = fresh();
    const log = join(dir, 'events.jsonl');
    const holders = join(dir, 'holders.log');
    const count = 25;
    const writers = Array.from({ length: procs }, (_, i) => `w${i}`);
    const ran = await Promise.all(
      writers.map((w, i) => child('append', log, holders, w, String(count), String(1500 + 97 * i))),
    );
    expect(ran.map((r) => [r.code, r.stderr])).toEqual(writers.map(() => [0, '']));
    const text = readFileSync(log, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const records = text
      .slice(0, -1)
      .split('\n')
      .map((l) => JSON.parse(l) as { writer: string; seq: number; pad: string });
    for (const [i, w] of writers.entries()) {
      const mine = records.filter((r) => r.writer === w);
      expect(mine.map((r) => r.seq)).toEqual(Array.from({ length: count }, (_, k) => k));
      expect(mine.every((r) => r.pad.length === 1500 + 97 * i)).toBe(true);
    }
    expect(records).toHaveLength(procs * count);
    expect(holderOverlaps(holders)).toEqual([]);
    expect(
      readFileSync(holders, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('enter')),
    ).toHaveLength(procs * count);
    expect(existsSync(`${log}.lock`)).toBe(false);
  });
});

describe('when fail-fast and waiting holders compete for one lock', () => {
  it('the fail-fast ones exit 75 while it is held, the waiting ones complete after, never two holders at once', async () => {
    const dir = fresh();
    const file = join(dir, 'state.json');
    const holders = join(dir, 'holders.log');
    const release = join(dir, 'release');
    // One holder keeps the lock until told to let go, so the fail-fast ones are certain to find it taken.
    const long = child('hold', file, holders, 'long', '0', release);
    const deadline = Date.now() + 30_000;
    while (
      !(existsSync(holders) && readFileSync(holders, 'utf8').includes('enter long')) &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 20));
    const failFast = await Promise.all(
      Array.from({ length: 3 }, (_, i) => child('hold', file, holders, `ff${i}`, '0', '20')),
    );
    expect(failFast.map((r) => r.code)).toEqual([75, 75, 75]);
    expect(failFast.every((r) => r.stderr.startsWith('error: lock held by another process:'))).toBe(true);
    const waiting = Array.from({ length: 3 }, (_, i) =>
      child('hold', file, holders, `wait${i}`, '60000', '20'),
    );
    writeFileSync(release, '');
    const done = await Promise.all([long, ...waiting]);
    expect(done.map((r) => [r.code, r.stderr])).toEqual(done.map(() => [0, '']));
    expect(holderOverlaps(holders)).toEqual([]);
  });
});

describe('when the holder of a lock is SIGKILLed', () => {
  it('the lock it left blocks fail-fast callers, and is taken over once stale', async () => {
    const dir = fresh();
    const file = join(dir, 'events.jsonl');
    const proc = launch(launcher, 'lock-child.ts', ['hold-forever', file]);
    let holding = (): void => undefined;
    const held = new Promise<void>((r) => (holding = r));
    const exited = watch(proc, (line) => line === 'holding' && holding());
    await held;
    proc.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    expect(existsSync(`${file}.lock`)).toBe(true);
    // Judged with a long stale period, the lock just left is still fresh: a fail-fast caller gets 75.
    await expect(withLock(file, { waitMs: 0, staleMs: 60_000 }, async () => 'no')).rejects.toBeInstanceOf(
      LockConflict,
    );
    // Judged with the short stale period (configured short for this test), it is taken over.
    await expect(withLock(file, { waitMs: 10_000, staleMs: 2000 }, async () => 'taken')).resolves.toBe(
      'taken',
    );
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('when 2 to 8 processes reconcile the same loop while events are appended', () => {
  it.each([2, 8])(
    'all %i exit 0, and the outputs they race to write parse and resume to a full replay',
    async (procs) => {
      const repo = fresh();
      const loopDir = join(repo, '.superloop', 'loops', 'race');
      mkdirSync(loopDir, { recursive: true });
      const events = join(loopDir, 'events.jsonl');
      writeFileSync(
        events,
        '{"timestamp":"2026-02-01T00:00:00Z","event":"loop_start","loop_id":"race","run_id":"r"}\n',
      );
      const argv = ['opsfold', 'loop', 'project-state', '--repo', repo, '--loop', 'race', '--as-of', AS_OF];
      const appender = child('append', events, join(repo, 'holders.log'), 'appender', '40', '10');
      const runs = await Promise.all([appender, ...Array.from({ length: procs }, () => child(...argv))]);
      expect(runs.map((r) => [r.code, r.stderr.split('\n')[0]])).toEqual(runs.map(() => [0, '']));
      const state = JSON.parse(
        readFileSync(join(repo, '.superloop', 'ops-manager', 'race', 'state.json'), 'utf8'),
      );
      const snapshot = JSON.parse(
        readFileSync(join(repo, '.opsfold', 'loop', 'race', 'snapshot.json'), 'utf8'),
      );
      expect([ManagerState.is(state), LoopRunSnapshot.is(snapshot)]).toEqual([true, true]);
      // The appender's records carry no event fields the guard refuses, so strict folds succeed.
      const cp = join(repo, '.opsfold', 'loop', 'race', 'checkpoints', 'loop-events.json');
      const opts = { decode: decodeLoopEventLine, digest: true };
      const resumed = await foldFile(events, loopEventsProjection, { ...opts, checkpointPath: cp });
      const replayed = await foldFile(events, loopEventsProjection, { ...opts, fromStart: true });
      expect([resumed.state, resumed.cursor, resumed.digest]).toEqual([
        replayed.state,
        replayed.cursor,
        replayed.digest,
      ]);
      expect(resumed.state.records).toBe(41);
    },
  );
});
