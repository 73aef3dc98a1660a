// Secrets never leave the environment they came in (ARCHITECTURE "Writing rules"). Each run in
// reliability/secret-runs.ts executes with tokens in well-known environment variables; then every
// file under its work dir (dotfiles, state dirs, quarantines, temp leftovers), its stdout and stderr,
// and the argv of every process it started are scanned for the token in raw, base64 and URL-encoded
// form. A hashed token (sha256, the documented way to refer to one) is allowed.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as ChildProcess from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCaptured } from '../runners/cli/capture.js';
import { commands } from '../runners/commands.js';
import { secretEnv, secretRuns } from './reliability/secret-runs.js';

// Every process a command starts is recorded (and still started), so its argv can be scanned.
const started = vi.hoisted(() => [] as string[][]);
vi.mock('node:child_process', async (original) => {
  const real = await original<typeof ChildProcess>();
  const record =
    <F extends (...a: never[]) => unknown>(name: string, fn: F) =>
    (...args: Parameters<F>): ReturnType<F> => {
      const [cmd, argv] = args as unknown as [string, unknown];
      started.push([name, cmd, ...(Array.isArray(argv) ? argv.map(String) : [])]);
      return fn(...args) as ReturnType<F>;
    };
  return {
    ...real,
    spawn: record('spawn', real.spawn),
    spawnSync: record('spawnSync', real.spawnSync),
    execFile: record('execFile', real.execFile),
    execFileSync: record('execFileSync', real.execFileSync),
    exec: record('exec', real.exec),
    execSync: record('execSync', real.execSync),
    fork: record('fork', real.fork),
  };
});

let work = '';
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-secrets-'));
  started.length = 0;
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );

const forms = (token: string): string[] => [
  token,
  Buffer.from(token).toString('base64'),
  encodeURIComponent(token),
  token.slice(4, 20), // a fragment of it, as a truncated log line might carry
];

/** Every place a form of `token` shows up: files under `work`, the run's output, started processes. */
const leaksOf = (token: string, r: { stdout: string; stderr: string }): string[] => {
  const leaks: string[] = [];
  const written = filesUnder(work);
  for (const form of forms(token)) {
    for (const f of written) if (readFileSync(f).includes(form)) leaks.push(`${f} contains ${form}`);
    if (r.stdout.includes(form)) leaks.push(`stdout contains ${form}`);
    if (r.stderr.includes(form)) leaks.push(`stderr contains ${form}`);
    for (const p of started) if (p.some((a) => a.includes(form))) leaks.push(`${p.join(' ')} has it in argv`);
  }
  return leaks;
};

const newToken = () => `tok_${randomBytes(18).toString('hex')}`;

describe.each(secretRuns.map((r) => [r.name, r] as const))(
  'when `opsfold %s` runs with tokens in the environment',
  (_name, run) => {
    it('writes no token to any file, stdout, stderr or process argument', async () => {
      const token = newToken();
      const argv = run.setup(work);
      const r = await runCaptured(commands, argv, {
        cwd: work,
        env: { ...process.env, ...secretEnv(token) },
        now: () => 0,
      });
      expect(run.exits, r.stderr).toContain(r.code);
      expect(leaksOf(token, r)).toEqual([]);
    });
  },
);

describe('the scan itself', () => {
  it('finds a token written to stdout, to a state file in base64, or passed to a process', async () => {
    const token = newToken();
    const r = await runCaptured(commands, [...secretRuns[0]!.setup(work), '--trace-id', token], {
      cwd: work,
      env: {},
      now: () => 0,
    });
    writeFileSync(join(work, 'running', '.opsfold', 'leak.json'), Buffer.from(token).toString('base64'));
    const { spawnSync } = await import('node:child_process');
    spawnSync(process.execPath, ['-e', '0', token]);
    expect(leaksOf(token, r)).toEqual(
      expect.arrayContaining([
        `stdout contains ${token}`,
        expect.stringMatching(/leak\.json contains /),
        expect.stringMatching(/has it in argv$/),
      ]),
    );
  });
});
