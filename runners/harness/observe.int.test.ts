// Observation on real files: the signals come from the workspace layout of seed 004, sessions from a
// process table we write (never the machine's), and the log is append-only and fails closed on corruption.
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';

const AT = '2026-05-28T13:30:00+09:00';
let work = '';
let root = '';
const run = (...argv: string[]) =>
  runCaptured(commands, argv, { cwd: work, env: {}, now: () => Date.parse(AT) });
const put = (rel: string, text: string, at = '2026-05-28T13:25:00+09:00') => {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  utimesSync(file, new Date(at), new Date(at));
};
const proc = (pid: number, argv: string[]) => {
  mkdirSync(join(work, 'proc', String(pid)), { recursive: true });
  writeFileSync(join(work, 'proc', String(pid), 'cmdline'), `${argv.join('\0')}\0`);
};
const observeTask = async (...extra: string[]) => {
  const r = await run('harness', 'observe', '--root', root, '--task', 'task-2703', '--as-of', AT, ...extra);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).tasks[0] as {
    spawn_state: string;
    signals: string[];
    observation: Record<string, unknown>;
  };
};

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-observe-'));
  root = join(work, 'ws');
  mkdirSync(join(work, 'proc'), { recursive: true });
  put(
    'memory/task-timers.json',
    JSON.stringify({ tasks: { 'task-2703': { status: 'running', schedule_id: 'BE5161A0' } } }),
  );
  put('sched/system_prompt_aaaa_1', 'controller');
  put('sched/system_prompt_bbbb_2', 'bot for task-2703');
  put(
    'harness.config.json',
    JSON.stringify({ scheduler_dir: 'sched', controller_system_prompt: 'sched/system_prompt_aaaa_1' }),
  );
  proc(1, ['claude', '--append-system-prompt-file', join(root, 'sched/system_prompt_aaaa_1')]);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('harness observe', () => {
  it('sees the bot session from /proc cmdlines (controller excluded) and reads the scheduler dir from the config', async () => {
    proc(4242, ['claude', '--system-prompt-file', join(root, 'sched/system_prompt_bbbb_2')]);
    put('sched/schedule_history/BE5161A0.log', 'fired\n', '2026-05-28T13:22:35+09:00');
    const t = await observeTask('--proc-root', join(work, 'proc'));
    expect(t.spawn_state).toBe('WORK_STARTED');
    expect(t.signals).toEqual(
      expect.arrayContaining(['timer_running', 'session_seen', 'schedule_history_present']),
    );
    expect(t.observation).toMatchObject({
      session: { status: 'seen', source: 'proc', pids: [4242] },
      schedule_history: { exists: true, mtime: '2026-05-28T13:22:35+09:00' },
    });
  });
  it('--scheduler-dir overrides the config', async () => {
    put('other/BE5161A0.output', 'stream\n');
    const t = await observeTask('--proc-root', join(work, 'proc'), '--scheduler-dir', join(root, 'other'));
    expect(t.observation).toMatchObject({
      bot_output: { exists: true, bytes: 7 },
      schedule_history: { exists: false },
    });
  });
  it('a sessions file stands in for /proc', async () => {
    writeFileSync(
      join(work, 's.json'),
      JSON.stringify({ processes: [{ pid: 7, argv: ['claude', join(root, 'sched/system_prompt_bbbb_2')] }] }),
    );
    expect((await observeTask('--sessions-file', 's.json')).observation).toMatchObject({
      session: { status: 'seen', source: 'sessions_file', pids: [7] },
    });
  });
  it('worktree, reports and bot markers are artifacts; paths are recorded relative to the root', async () => {
    put('.worktrees/task-2703-hermes/src/a.ts', 'x', '2026-05-28T13:26:00+09:00');
    put('memory/reports/task-2703_report.md', 'r', '2026-05-28T13:27:00+09:00');
    put('memory/reports/task-27031_report.md', 'not ours', '2026-05-28T13:29:00+09:00');
    // A directory's own mtime is evidence too (an entry was added): pin it like the files.
    for (const d of ['.worktrees/task-2703-hermes', '.worktrees/task-2703-hermes/src'])
      utimesSync(join(root, d), new Date('2026-05-28T13:26:00+09:00'), new Date('2026-05-28T13:26:00+09:00'));
    const t = await observeTask('--proc-root', join(work, 'proc'));
    expect(t.observation).toMatchObject({
      worktree: { path: '.worktrees/task-2703-hermes', mtime: '2026-05-28T13:26:00+09:00' },
      artifact: { newest: 'memory/reports/task-2703_report.md', mtime: '2026-05-28T13:27:00+09:00' },
    });
    expect(t.spawn_state).toBe('WORK_STARTED');
  });
  it('with no process table at all the session is unknown, and nothing is NOT_REGISTERED', async () => {
    put('memory/task-timers.json', JSON.stringify({ tasks: {} }));
    const t = await observeTask('--proc-root', join(work, 'proc'));
    expect(t.spawn_state).toBe('NOT_REGISTERED');
    writeFileSync(
      join(work, 'unknown.json'),
      JSON.stringify({ processes: [{ pid: 9, argv: ['claude', '/x/system_prompt_cccc_1'] }] }),
    );
    expect((await observeTask('--sessions-file', 'unknown.json')).spawn_state).toBe('UNKNOWN');
  });
  it('appends one line per observation and fails closed on a corrupt line', async () => {
    await observeTask('--proc-root', join(work, 'proc'));
    await observeTask('--proc-root', join(work, 'proc'));
    const log = join(root, 'memory', 'harness', 'observations.jsonl');
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(2);
    appendFileSync(log, '{"kind":"harness_observation"}\n');
    const r = await run(
      'harness',
      'observe',
      '--root',
      root,
      '--task',
      'task-2703',
      '--proc-root',
      join(work, 'proc'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /error: corrupt line in .*observations\.jsonl\n {2}.*observations\.jsonl:3:\d+: /,
    );
  });
  it('rejects a bad config with the file and JSON path, and task ids that are paths', async () => {
    put('harness.config.json', JSON.stringify({ watchdog: { throttle_k: 'three' } }));
    const r = await run('harness', 'observe', '--root', root, '--task', 'task-2703');
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('$.watchdog.throttle_k')]);
    put('harness.config.json', '{}');
    expect((await run('harness', 'observe', '--root', root, '--task', '../etc')).code).toBe(64);
    expect((await run('harness', 'observe', '--root', root)).code).toBe(64);
  });
  it('--all observes every task with a timer or a marker', async () => {
    put('memory/events/task-9.done', '');
    const r = await run('harness', 'observe', '--root', root, '--all', '--proc-root', join(work, 'proc'));
    expect(JSON.parse(r.stdout).tasks.map((t: { task_id: string }) => t.task_id)).toEqual([
      'task-2703',
      'task-9',
    ]);
  });
});
