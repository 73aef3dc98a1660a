// A reconcile that folds a backlog shows its progress on the operator's terminal: one line on stderr,
// redrawn per batch of the poll and cleared before anything else is written; with --quiet, or when
// stderr is not a terminal, stderr stays empty. stdout (the state) is the same document either way.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { main } from '../cli/main.js';

const work = mkdtempSync(join(tmpdir(), 'opsfold-reconcile-progress-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const asOf = '2026-02-22T12:00:00Z';
const line = (i: number) =>
  JSON.stringify({
    timestamp: '2026-02-22T00:00:00Z',
    event: 'iteration_start',
    loop_id: 'demo',
    run_id: 'r',
    iteration: i,
  });

/** A fresh repo whose loop has a backlog of `n` events (several read batches). */
const repoWith = (name: string, n: number): string => {
  const repo = join(work, name);
  mkdirSync(join(repo, '.superloop', 'loops', 'demo'), { recursive: true });
  writeFileSync(
    join(repo, '.superloop', 'loops', 'demo', 'events.jsonl'),
    `${Array.from({ length: n }, (_, i) => line(i)).join('\n')}\n`,
  );
  return repo;
};

const sink = (isTTY: boolean) => {
  const out = { text: '' };
  const stream = Object.assign(
    new Writable({
      write: (chunk, _enc, done) => {
        out.text += String(chunk);
        done();
      },
    }),
    { isTTY },
  );
  return { out, stream };
};

/** `loop reconcile` in process, stderr a terminal or not; the clock moves a second per reading. */
const reconcile = async (repo: string, tty: boolean, ...extra: string[]) => {
  let t = Date.parse(asOf);
  const stdout = sink(false);
  const stderr = sink(tty);
  const argv = ['loop', 'reconcile', '--repo', repo, '--loop', 'demo', '--as-of', asOf, ...extra];
  const io = { cwd: work, env: {}, now: () => (t += 1000), stdout: stdout.stream, stderr: stderr.stream };
  const code = await main(commands, argv, io);
  return { code, stdout: stdout.out.text, stderr: stderr.out.text };
};

// Drawn lines, each a carriage return and an erase then the counts, and the final erase.
const DRAWN =
  // eslint-disable-next-line no-control-regex -- the terminal controls are what is asserted
  /^(?:\r\x1b\[Kreconcile: [\d,]+ events \([\d,]+\/s\), [^\r\n]+ of [^\r\n]+ \(\d+%\)(?:, ETA [0-9hms]+)?)+\r\x1b\[K$/;

const stateOf = (stdout: string): unknown => {
  const s = JSON.parse(stdout) as Record<string, unknown>;
  return { cursor: s['cursor'], divergence: s['divergence'] };
};

describe('loop reconcile over a backlog', () => {
  it('on a terminal draws its progress per batch, cleared at the end, and prints the same state', async () => {
    const [tty, piped] = [
      await reconcile(repoWith('tty', 30_000), true),
      await reconcile(repoWith('piped', 30_000), false),
    ];
    expect([tty.code, piped.code]).toEqual([0, 0]);
    expect(tty.stderr).toMatch(DRAWN);
    expect(tty.stderr.split('\r\x1b[K').length).toBeGreaterThan(3);
    expect(tty.stderr).toContain('reconcile: 30,000 events');
    expect(stateOf(tty.stdout)).toMatchObject({ cursor: { eventLineCount: 30_000 } });
    expect(stateOf(tty.stdout)).toEqual(stateOf(piped.stdout));
  });

  it('is silent when stderr is not a terminal, or with --quiet', async () => {
    const piped = await reconcile(repoWith('silent', 30_000), false);
    const quiet = await reconcile(repoWith('quiet', 30_000), true, '--quiet');
    expect([piped.code, piped.stderr]).toEqual([0, '']);
    expect([quiet.code, quiet.stderr]).toEqual([0, '']);
  });

  it('draws nothing on a re-run with nothing new to read', async () => {
    const repo = repoWith('rerun', 2_000);
    expect((await reconcile(repo, false)).code).toBe(0);
    const again = await reconcile(repo, true);
    expect([again.code, again.stderr]).toEqual([0, '']);
  });
});
