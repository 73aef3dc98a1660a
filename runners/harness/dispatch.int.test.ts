// `harness dispatch` with a real scheduler process (a node script standing in for dispatch.py): seed
// 004 §3.1/§3.3, the marker is created by code right after the fire, within 5 s, and never overwritten;
// a failed fire leaves no marker; the bot key reaches the scheduler only through its env var.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';

const KEY = 'bot-key-for-tests-only';
let root = '';
const run = (...argv: string[]) =>
  runCaptured(commands, argv, { cwd: root, env: { ...process.env, HARNESS_BOT_KEY: KEY }, now: Date.now });

// Registers a cron: records that it fired and whether it saw the key, then prints the cron id.
const SCHEDULER = `
const fs = require('fs');
const id = process.argv[2];
fs.mkdirSync('.cokacdir/schedule_history', { recursive: true });
fs.appendFileSync('fired.log', id + ' key=' + (process.env.HARNESS_BOT_KEY ? 'set' : 'unset') + '\\n');
fs.writeFileSync('.cokacdir/schedule_history/' + id + '.log', new Date().toISOString() + ' fire ' + id + '\\n');
if (id === 'FAIL') { console.error('bot not found'); process.exit(3); }
console.log('registered cron ' + id);
`;

const dispatch = (id: string, ...extra: string[]) =>
  run(
    'harness',
    'dispatch',
    '--root',
    root,
    '--task',
    'task-2901',
    '--team',
    'maat',
    '--executor',
    'maat',
    '--bot-key-env',
    'HARNESS_BOT_KEY',
    '--prompt-file',
    'prompt.txt',
    '--task-md',
    'memory/tasks/task-2901.md',
    ...extra,
    '--',
    process.execPath,
    'scheduler.cjs',
    id,
  );

const markers = () => {
  const events = join(root, 'memory', 'events');
  return existsSync(events) ? readdirSync(events).filter((n) => n.includes('.dispatched-')) : [];
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-dispatch-'));
  mkdirSync(join(root, 'memory', 'tasks'), { recursive: true });
  writeFileSync(join(root, 'memory', 'tasks', 'task-2901.md'), '# task-2901\n');
  writeFileSync(join(root, 'prompt.txt'), 'Work task-2901.\n');
  writeFileSync(join(root, 'scheduler.cjs'), SCHEDULER);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('harness dispatch', () => {
  it('given a scheduler that fires, then the marker is created within 5 s with its cron id and fire time', async () => {
    const before = Date.now();
    const r = await dispatch('BE5161A0');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ action: 'created', within_5s: true, content: { schedule_id: 'BE5161A0' } });
    expect(out.marker_latency_ms).toBeLessThanOrEqual(5000);
    const marker = JSON.parse(readFileSync(join(root, 'memory', 'events', out.marker), 'utf8'));
    const fired = Date.parse(marker.fire_time);
    expect(fired).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(fired).toBeLessThanOrEqual(Date.now());
    expect(readFileSync(join(root, 'fired.log'), 'utf8')).toBe('BE5161A0 key=set\n');
    expect(
      `${r.stdout}${r.stderr}${readFileSync(join(root, 'memory', 'events', out.marker), 'utf8')}`,
    ).not.toContain(KEY);
  });
  it('given a marker for the task, team and day, then a second dispatch fires nothing and exits 2', async () => {
    expect((await dispatch('BE5161A0')).code).toBe(0);
    const again = await dispatch('BE5161A1');
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('dispatch marker exists')]);
    expect(readFileSync(join(root, 'fired.log'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(markers()).toHaveLength(1);
  });
  it('given a scheduler that fails, then no marker is written and the exit is 1', async () => {
    const r = await dispatch('FAIL');
    expect([r.code, r.stderr]).toEqual([
      1,
      expect.stringContaining('the scheduler did not fire: exit 3: bot not found'),
    ]);
    expect(markers()).toEqual([]);
  });
  it('without a scheduler command it is a usage error', async () => {
    const r = await run('harness', 'dispatch', '--root', root, '--task', 'task-2901');
    expect(r.code).toBe(64);
  });
});
