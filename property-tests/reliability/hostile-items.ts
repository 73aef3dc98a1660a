// The hostile-input lane: one case per break an adversarial pass found (issue 18's items), each
// asserting the promised behaviour over real files and commands. A case whose fix lands on another
// branch carries `pending` (why, and which item): its test is marked expected-failing until the fix is
// merged; then delete `pending` and it guards the fix like the others.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { hostAllowed } from '../../lib/dashboard/host-check.js';
import { LockConflict, withLock } from '../../lib/io/lock.js';
import { runCaptured, type Ran } from '../../runners/cli/capture.js';
import { commands } from '../../runners/commands.js';
import { fixture } from './command-lane.js';

export interface HostileItem {
  readonly item: number;
  readonly name: string;
  /** Why the behaviour is not on this branch yet (the test expects the case to fail until then). */
  readonly pending?: string;
  /** Runs the case in a fresh `dir`; returns what broke the promise, or null when it held. */
  run(dir: string): Promise<string | null>;
}

export const AS_OF = '2026-02-22T12:00:00Z';
const LOOP = 'running';

export const repoIn = (dir: string): string => {
  const repo = join(dir, 'repo');
  fs.cpSync(fixture('loop/running'), repo, { recursive: true });
  return repo;
};
export const loopFile = (repo: string, name: string): string => join(repo, '.superloop', 'loops', LOOP, name);
export const mgrFile = (repo: string, name: string): string =>
  join(repo, '.superloop', 'ops-manager', LOOP, name);

export const opsfold = (dir: string, argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> =>
  runCaptured(commands, argv, { cwd: dir, env, now: () => Date.parse(AS_OF) });

export const loopCmd = (dir: string, repo: string, ...argv: string[]): Promise<Ran> =>
  opsfold(dir, [...argv, '--repo', repo, '--loop', LOOP, '--as-of', AS_OF]);

/** Null when `ok`, else `what` with the run's exit code and stderr. */
export const expectThat = (ok: boolean, what: string, r?: Ran): string | null =>
  ok ? null : `${what}${r === undefined ? '' : ` (exit ${r.code}: ${r.stderr.trim().slice(0, 300)})`}`;

const lockRace = async (dir: string): Promise<string | null> => {
  const file = join(dir, 'shared.json');
  for (let round = 0; round < 10; round += 1) {
    fs.mkdirSync(`${file}.lock`, { recursive: true });
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    let holders = 0;
    let most = 0;
    const contend = () =>
      withLock(file, { waitMs: 0, staleMs: 1000 }, async () => {
        most = Math.max(most, (holders += 1));
        await sleep(20);
        holders -= 1;
      }).catch((err: unknown) => {
        if (!(err instanceof LockConflict)) throw err;
      });
    await Promise.all(Array.from({ length: 8 }, contend));
    if (most > 1) return `round ${round}: ${most} holders at once`;
  }
  return null;
};

const fifoEvents = async (dir: string): Promise<string | null> => {
  const repo = repoIn(dir);
  const events = loopFile(repo, 'events.jsonl');
  fs.rmSync(events);
  execFileSync('mkfifo', [events]);
  const r = await Promise.race([loopCmd(dir, repo, 'loop', 'snapshot'), sleep(10_000).then(() => null)]);
  if (r === null) return 'loop snapshot hung on a FIFO events.jsonl';
  return expectThat(r.code === 1 && r.stderr.includes(events), 'a FIFO is refused with exit 1 naming it', r);
};

const unterminatedDuringControl = async (dir: string): Promise<string | null> => {
  const repo = repoIn(dir);
  const intents = mgrFile(repo, 'intents.jsonl');
  fs.mkdirSync(join(intents, '..'), { recursive: true });
  fs.writeFileSync(intents, '{"intent":"runtime","status":');
  const finishing = sleep(300).then(() => fs.appendFileSync(intents, '"done"}\n'));
  const r = await loopCmd(dir, repo, 'loop', 'control', '--intent', 'cancel', '--timeout-seconds', '0');
  await finishing;
  const lines = fs.readFileSync(intents, 'utf8').split('\n').slice(0, -1);
  const whole = lines.every((l) => {
    try {
      JSON.parse(l);
      return true;
    } catch {
      return false;
    }
  });
  return expectThat(
    r.code === 0 && whole && lines.length === 2 && lines[0] === '{"intent":"runtime","status":"done"}',
    `the runtime's unfinished line stays whole and control's record lands once: ${JSON.stringify(lines)}`,
    r,
  );
};

const symlinkedOut = async (dir: string): Promise<string | null> => {
  const repo = repoIn(dir);
  const outside = join(dir, 'outside.jsonl');
  fs.writeFileSync(outside, '');
  fs.mkdirSync(mgrFile(repo, ''), { recursive: true });
  fs.symlinkSync(outside, mgrFile(repo, 'escalations.jsonl'));
  await loopCmd(dir, repo, 'loop', 'reconcile');
  if (fs.readFileSync(outside, 'utf8') !== '')
    return 'an escalations.jsonl symlinked outside received appends';
  const summary = join(dir, 'outside.json');
  fs.writeFileSync(summary, '{"secret":"OUTSIDE-SUMMARY"}');
  fs.rmSync(loopFile(repo, 'run-summary.json'));
  fs.symlinkSync(summary, loopFile(repo, 'run-summary.json'));
  const r = await loopCmd(dir, repo, 'loop', 'snapshot');
  return expectThat(
    r.code === 1 && !(r.stdout + r.stderr).includes('OUTSIDE-SUMMARY'),
    'a run-summary.json symlinked outside is refused, never echoed',
    r,
  );
};

export const hostileItems: readonly HostileItem[] = [
  { item: 1, name: 'eight contenders on one stale lock never hold it at once', run: lockRace },
  {
    item: 2,
    name: 'the dashboard refuses Host: 127.evil.example',
    run: async () =>
      expectThat(!hostAllowed('127.0.0.1', '127.evil.example'), 'Host 127.evil.example allowed'),
  },
  {
    item: 3,
    name: 'loop control never alters a line another writer is finishing',
    run: unterminatedDuringControl,
  },
  { item: 4, name: 'a FIFO named events.jsonl is refused, not read forever', run: fifoEvents },
  {
    item: 5,
    name: 'escalations.jsonl and run-summary.json symlinked out of the repo are refused',
    run: symlinkedOut,
  },
];
