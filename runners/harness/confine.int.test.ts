// The workspace's documents and logs are read and written only inside --root: a symlink pointing out of
// it is refused (never read, never appended to), and a FIFO in place of a document is refused at once.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';

let dir = '';
let root = '';
const AS_OF = '2026-05-28T14:09:30+09:00';
const run = (...argv: string[]) =>
  runCaptured(commands, [...argv, '--root', root, '--as-of', AS_OF], { cwd: dir, env: {}, now: () => 0 });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsfold-harness-confine-'));
  root = join(dir, 'root');
  mkdirSync(join(root, 'memory', 'harness'), { recursive: true });
  writeFileSync(join(dir, 'outside.json'), JSON.stringify({ tasks: { 'task-1': { status: 'running' } } }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('harness documents and logs stay inside --root', () => {
  it('given task-timers.json is a symlink out of the root, when status runs, then it is refused', async () => {
    symlinkSync(join(dir, 'outside.json'), join(root, 'memory', 'task-timers.json'));
    const r = await run('harness', 'status', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: invalid task timers:');
    expect(r.stderr).toContain('refused: resolves to');
  });

  it('given the watchdog log is a symlink out of the root, when a cycle runs, then nothing is appended', async () => {
    writeFileSync(join(dir, 'outside.jsonl'), '');
    symlinkSync(join(dir, 'outside.jsonl'), join(root, 'memory', 'harness', 'watchdog.jsonl'));
    const r = await run('harness', 'watchdog', '--no-observe');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refused');
    expect(readFileSync(join(dir, 'outside.jsonl'), 'utf8')).toBe('');
  });

  it('given task-timers.json is a FIFO, when status runs, then it is refused without waiting', async () => {
    execFileSync('mkfifo', [join(root, 'memory', 'task-timers.json')]);
    const r = await run('harness', 'status', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refused: a FIFO');
  });
});
