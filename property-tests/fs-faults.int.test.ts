// File-system faults end to end, without a seam: the loop commands take no WriteSeam yet (see the
// reliability report), so these tests make a real write fail by putting a directory where an output
// file goes, or a file where a directory goes. Each command exits 1 with an `error:` line naming the
// file and the step (no stack trace), the outputs it did not finish keep their previous bytes, and
// the checkpoint or cursor saved last still resumes correctly.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../runners/cli/capture.js';
import { AS_OF, loopCommands } from './reliability/loop-workload.js';

let work = '';
const run = (...argv: string[]) =>
  runCaptured(loopCommands, [...argv, '--as-of', AS_OF], {
    cwd: work,
    env: {},
    now: () => Date.parse(AS_OF),
  });
const repo = () => join(work, 'running');
const loop = ['--repo', 'running', '--loop', 'running'];
const opsfoldDir = () => join(repo(), '.opsfold', 'loop', 'running');
const events = () => join(repo(), '.superloop', 'loops', 'running', 'events.jsonl');
const appendEvent = () =>
  writeFileSync(
    events(),
    '{"timestamp":"2026-02-28T00:00:00Z","event":"loop_stop","loop_id":"running","run_id":"r"}\n',
    { flag: 'a' },
  );

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-fs-faults-'));
  cpSync(new URL('../fixtures/loop/running', import.meta.url), repo(), { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const errorLine = (stderr: string) => stderr.split('\n').find((l) => l.startsWith('error:'));
const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

describe('when project-state cannot replace its state file', () => {
  it('exits 1 naming the file and step, and does not advance the checkpoint past the unwritten state', async () => {
    expect((await run('loop', 'project-state', ...loop)).code).toBe(0);
    const cp = join(opsfoldDir(), 'checkpoints', 'loop-events.json');
    const savedCp = readFileSync(cp);
    appendEvent();
    const stateFile = join(work, 'blocked-state.json');
    mkdirSync(stateFile);
    const r = await run('loop', 'project-state', ...loop, '--state-file', stateFile);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(
      new RegExp(
        `^error: cannot write ${stateFile} \\(rename: E[A-Z]+\\); the previous file is left unchanged$`,
      ),
    );
    noStack(r.stderr);
    expect(readFileSync(cp)).toEqual(savedCp);
    const again = await run('loop', 'snapshot', ...loop);
    expect(JSON.parse(again.stdout).health.lastEventName).toBe('loop_stop');
  });
});

describe('when the checkpoint directory cannot be created', () => {
  it('snapshot exits 1 naming the checkpoint, and the next run folds from the start to the same answer', async () => {
    mkdirSync(opsfoldDir(), { recursive: true });
    writeFileSync(join(opsfoldDir(), 'checkpoints'), 'not a directory');
    const r = await run('loop', 'snapshot', ...loop);
    expect(r.code).toBe(1);
    expect(errorLine(r.stderr)).toMatch(/^error: cannot write .*loop-events\.json \(mkdir: E[A-Z]+\)/);
    noStack(r.stderr);
    rmSync(join(opsfoldDir(), 'checkpoints'));
    const ok = await run('loop', 'snapshot', ...loop);
    expect([ok.code, ok.stdout]).toEqual([0, r.stdout]);
  });
});

describe('when poll-events cannot append to its quarantine', () => {
  it('exits 1 before saving its cursor, so the next poll emits the same events again', async () => {
    const cursor = join(work, 'c.json');
    expect((await run('loop', 'poll-events', ...loop, '--cursor-file', cursor)).code).toBe(0);
    const saved = readFileSync(cursor);
    writeFileSync(events(), '{"broken":\n', { flag: 'a' });
    appendEvent();
    mkdirSync(join(opsfoldDir(), 'quarantine.jsonl'), { recursive: true });
    const r = await run('loop', 'poll-events', ...loop, '--cursor-file', cursor, '--skip-corrupt');
    expect(r.code).toBe(1);
    expect(errorLine(r.stderr)).toMatch(/E[A-Z]+/);
    expect(readFileSync(cursor)).toEqual(saved);
    rmSync(join(opsfoldDir(), 'quarantine.jsonl'), { recursive: true });
    const again = await run('loop', 'poll-events', ...loop, '--cursor-file', cursor, '--skip-corrupt');
    expect([again.code, again.stdout]).toEqual([0, r.stdout]);
    expect(again.stdout.trim().split('\n')).toHaveLength(1);
  });

  // The end-to-end face of append.fault.test.ts's AppendError: the failed append names its file.
  it('names the quarantine file in its error line, without a stack trace', async () => {
    writeFileSync(events(), '{"broken":\n', { flag: 'a' });
    appendEvent();
    mkdirSync(join(opsfoldDir(), 'quarantine.jsonl'), { recursive: true });
    const r = await run('loop', 'poll-events', ...loop, '--skip-corrupt');
    expect(errorLine(r.stderr)).toContain('quarantine.jsonl');
    noStack(r.stderr);
  });
});
