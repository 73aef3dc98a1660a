// Layer 1 on real files: the marker is created atomically, the same content again is a no-op, different
// content is refused with exit 2, and the bot key never reaches a file or the output.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';

const KEY = 'raw-bot-owner-key-123';
let root = '';
const run = (argv: string[], env: Record<string, string> = { BOT_KEY: KEY }) =>
  runCaptured(commands, argv, { cwd: root, env, now: () => Date.parse('2026-05-28T04:22:33Z') });
const args = (over: Record<string, string> = {}) =>
  Object.entries({
    root,
    task: 'task-2703',
    team: 'hermes',
    'schedule-id': 'BE5161A0',
    executor: 'hermes/vulcan',
    'bot-key-env': 'BOT_KEY',
    'prompt-file': 'prompt.txt',
    'task-md': 'task.md',
    ...over,
  }).flatMap(([k, v]) => [`--${k}`, v]);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const events = () => join(root, 'memory', 'events');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-dispatch-'));
  writeFileSync(join(root, 'prompt.txt'), 'run task-2703');
  writeFileSync(join(root, 'task.md'), '# task-2703\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('harness dispatch-marker', () => {
  it('writes the marker with the seed fields, fire_time in +09:00, the key only as sha256[:16]', async () => {
    const r = await run(['harness', 'dispatch-marker', ...args()]);
    expect(r.code, r.stderr).toBe(0);
    const file = join(events(), 'task-2703.dispatched-hermes-260528.json');
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual({
      task_id: 'task-2703',
      schedule_id: 'BE5161A0',
      executor: 'hermes/vulcan',
      bot_key_hash: sha(KEY).slice(0, 16),
      fire_time: '2026-05-28T13:22:33+09:00',
      prompt_sha: sha('run task-2703'),
      task_md_sha_before: sha('# task-2703\n'),
      dispatch_method: 'dispatch_py',
    });
    expect(text + r.stdout + r.stderr).not.toContain(KEY);
    expect(readdirSync(events())).toEqual(['task-2703.dispatched-hermes-260528.json']);
  });
  it('the same content again is a no-op; different content is refused and the marker is left as it was', async () => {
    await run(['harness', 'dispatch-marker', ...args()]);
    const file = join(events(), 'task-2703.dispatched-hermes-260528.json');
    const before = readFileSync(file, 'utf8');
    const again = await run(['harness', 'dispatch-marker', ...args()]);
    expect([again.code, JSON.parse(again.stdout).action]).toEqual([0, 'unchanged']);
    const other = await run(['harness', 'dispatch-marker', ...args({ 'schedule-id': 'FFFF0000' })]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(
      'error: dispatch marker exists with different content: task-2703.dispatched-hermes-260528.json',
    );
    expect(other.stderr).toContain('differs in schedule_id');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(events())).toHaveLength(1);
  });
  it('fails without the key in the environment, and on names that could leave memory/events', async () => {
    const noKey = await run(['harness', 'dispatch-marker', ...args()], {});
    expect([noKey.code, noKey.stderr.split('\n')[0]]).toEqual([
      1,
      'error: bot key env var is not set: BOT_KEY',
    ]);
    expect((await run(['harness', 'dispatch-marker', ...args({ team: '../x' })])).code).toBe(64);
    expect((await run(['harness', 'dispatch-marker', ...args({ method: 'grep' })])).code).toBe(64);
  });
  it('uses --fire-time and the configured zone', async () => {
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'harness.config.json'), '{"zone":"Z"}');
    const r = await run([
      'harness',
      'dispatch-marker',
      ...args({ 'fire-time': '2026-05-28T23:59:00Z', method: 'fallback_safety_net' }),
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({
      marker: 'task-2703.dispatched-hermes-260528.json',
      content: { fire_time: '2026-05-28T23:59:00Z', dispatch_method: 'fallback_safety_net' },
    });
  });
});
