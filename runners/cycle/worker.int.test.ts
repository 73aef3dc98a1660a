// The worker process runner: given a shell command, when it runs, then it gets its stdin and environment,
// its exit is reported, a command that cannot start is reported as such, and a worker that overstays its
// timeout is stopped with its whole process group.
import { describe, expect, it, onTestFinished } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWorkerProcess } from './worker.js';

const env = { PATH: process.env['PATH'], GREETING: 'hello' };

describe('a worker process', () => {
  it('reads the ticket on stdin, sees its environment, and its exit code and output tail are kept', async () => {
    const w = await runWorkerProcess({
      cmd: 'read line; echo "$GREETING $line"; exit 3',
      cwd: tmpdir(),
      env,
      stdin: '{"request_id":"a"}\n',
      timeoutMs: 10_000,
    });
    expect(w).toEqual({
      exitCode: 3,
      signal: null,
      timedOut: false,
      spawnError: null,
      outputTail: 'hello {"request_id":"a"}\n',
    });
  });
  it('that does not read its stdin still runs to its end', async () => {
    const w = await runWorkerProcess({
      cmd: 'exit 0',
      cwd: tmpdir(),
      env,
      stdin: 'x'.repeat(1 << 20),
      timeoutMs: 10_000,
    });
    expect([w.exitCode, w.spawnError]).toEqual([0, null]);
  });
  it('that cannot start (its directory is gone) is reported with spawnError, not as a hang', async () => {
    const gone = mkdtempSync(join(tmpdir(), 'opsfold-gone-'));
    rmSync(gone, { recursive: true });
    const w = await runWorkerProcess({ cmd: 'true', cwd: gone, env, stdin: '', timeoutMs: 10_000 });
    expect([w.exitCode, w.spawnError !== null]).toEqual([null, true]);
  });
  it.skipIf(process.platform !== 'linux')(
    'that overstays its timeout is stopped, children included',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'opsfold-worker-'));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const w = await runWorkerProcess({
        cmd: `(sleep 30; echo late > "${dir}/late") & echo $! > "${dir}/child"; sleep 30`,
        cwd: dir,
        env,
        stdin: '',
        timeoutMs: 300,
        graceMs: 200,
      });
      expect([w.timedOut, w.exitCode]).toEqual([true, null]);
      const child = Number(readFileSync(join(dir, 'child'), 'utf8'));
      // Gone, or a zombie nobody has reaped yet: either way no longer running.
      const stat = `/proc/${child}/stat`;
      const state = existsSync(stat) ? readFileSync(stat, 'utf8').split(' ')[2] : 'gone';
      expect(['gone', 'Z', 'X']).toContain(state);
    },
  );
});
