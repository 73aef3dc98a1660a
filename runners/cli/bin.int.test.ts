// The command line as a user meets it, through the real bin (tsx runs runners/opsfold.ts): version,
// help for a domain or a named command, did-you-mean for a mistyped command or flag, and a reader
// that closes stdout early.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const PKG = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(PKG, 'node_modules/.bin/tsx');
const BIN = join(PKG, 'runners/opsfold.ts');
const work = mkdtempSync(join(tmpdir(), 'opsfold-bin-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const shell = (script: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> =>
  new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', `set -o pipefail; ${script}`],
      { cwd: work, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: Number(err?.code ?? 0), stdout, stderr }),
    );
  });

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const opsfold = (...argv: string[]): Promise<Ran> => shell([TSX, BIN, ...argv].map(quote).join(' '));

describe('opsfold --version', () => {
  it('prints the version in package.json, with -V too, and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')) as { version: string };
    const [long, short] = await Promise.all([opsfold('--version'), opsfold('-V')]);
    expect(long).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(short).toEqual(long);
  });
});

describe('help for a domain or a named command', () => {
  it('lists a domain’s commands with their summaries, for `<domain> --help`, `<domain>` and `help <domain>`', async () => {
    const [flag, bare, named] = await Promise.all([
      opsfold('queue', '--help'),
      opsfold('queue'),
      opsfold('help', 'queue'),
    ]);
    expect(flag.code).toBe(0);
    expect(flag.stdout).toMatch(/^Usage: opsfold queue <command>/);
    expect(flag.stdout).toContain(
      '  status                  counts by status and the first IN_PROGRESS rows\n',
    );
    expect(flag.stdout).toContain('  init-db ');
    expect(flag.stdout).not.toContain('loop');
    expect(bare).toEqual(flag);
    expect(named).toEqual(flag);
  });

  it('prints a command’s help for `help <domain> <command>`, the same as its --help', async () => {
    const [named, flag] = await Promise.all([
      opsfold('help', 'loop', 'status'),
      opsfold('loop', 'status', '--help'),
    ]);
    expect(named.code).toBe(0);
    expect(named.stdout).toMatch(/^Usage: opsfold loop status /);
    expect(named).toEqual(flag);
  });

  it('refuses unknown words with an error line, a suggestion and exit 64', async () => {
    const r = await opsfold('help', 'loop', 'statu');
    expect(r).toEqual({
      code: 64,
      stdout: '',
      stderr: 'error: unknown command: loop statu\n  did you mean: loop status\n  see: opsfold loop --help\n',
    });
  });
});

describe('a mistyped command or flag', () => {
  it('names the nearest command', async () => {
    const [sub, domain, far] = await Promise.all([
      opsfold('loop', 'statu'),
      opsfold('lop', 'status'),
      opsfold('frobnicate'),
    ]);
    expect(sub.code).toBe(64);
    expect(sub.stderr.split('\n').slice(0, 2)).toEqual([
      'error: unknown command: loop statu',
      '  did you mean: loop status',
    ]);
    expect(domain.stderr.split('\n')[1]).toBe('  did you mean: loop status');
    expect(far).toEqual({
      code: 64,
      stdout: '',
      stderr: 'error: unknown command: frobnicate\n  see: opsfold --help\n',
    });
  });

  it('names the nearest flag, in lower case after `error:`', async () => {
    const r = await opsfold('loop', 'status', '--repo', '.', '--loop', 'x', '--prety');
    expect(r).toEqual({
      code: 64,
      stdout: '',
      stderr: "error: unknown option '--prety'\n  did you mean --pretty\n  see: opsfold loop status --help\n",
    });
  });

  it('starts every usage error with `error:`, even with no command at all', async () => {
    const [none, flagsOnly] = await Promise.all([opsfold(), opsfold('loop', '--pretty')]);
    expect(none.code).toBe(64);
    expect(none.stderr.split('\n')[0]).toBe('error: no command given');
    expect(none.stderr).toContain('Commands:');
    expect(flagsOnly).toEqual({
      code: 64,
      stdout: '',
      stderr: 'error: no loop command given\n  see: opsfold loop --help\n',
    });
  });
});

describe('when the reader closes stdout early', () => {
  const repo = join(work, 'repo');
  const loopDir = join(repo, '.superloop', 'loops', 'complete');
  const cursor = join(loopDir, 'ops-manager.cursor.json');
  cpSync(join(PKG, 'fixtures', 'loop', 'complete'), repo, { recursive: true });
  // Far more output than a pipe buffers, so the poll is still printing when `head` goes away.
  const events = join(loopDir, 'events.jsonl');
  const lines = readFileSync(events, 'utf8').trimEnd().split('\n');
  const filler = Array.from({ length: 20_000 }, (_, n) =>
    JSON.stringify({
      timestamp: '2026-02-05T13:03:00Z',
      event: 'role_start',
      loop_id: 'complete',
      run_id: '20260205T130247Z',
      iteration: 1,
      role: 'planner',
      data: { n },
    }),
  );
  writeFileSync(events, `${[...lines.slice(0, 3), ...filler, ...lines.slice(3)].join('\n')}\n`);
  const poll = [
    TSX,
    BIN,
    'loop',
    'poll-events',
    '--repo',
    repo,
    '--loop',
    'complete',
    '--as-of',
    '2026-02-06T00:00:00Z',
  ]
    .map(quote)
    .join(' ');

  it('ends a poll quietly with exit 0 and leaves the cursor where it was, so nothing unread is skipped', async () => {
    const cut = await shell(`${poll} | head -1`);
    expect(cut.code).toBe(0);
    expect(cut.stderr).toBe('');
    expect(JSON.parse(cut.stdout)).toMatchObject({ envelopeType: 'loop_run_event' });
    expect(existsSync(cursor)).toBe(false);
    const whole = await shell(poll);
    expect(whole.code).toBe(0);
    expect(whole.stdout.trimEnd().split('\n')).toHaveLength(filler.length + lines.length);
    expect(JSON.parse(readFileSync(cursor, 'utf8'))).toMatchObject({
      eventLineOffset: filler.length + lines.length,
    });
  }, 120_000);

  it('ends --help quietly with exit 0 when the reader reads nothing', async () => {
    const r = await shell(`${[TSX, BIN, '--help'].map(quote).join(' ')} | true`);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
