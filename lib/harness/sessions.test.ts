// Seed 004 §1.1: bot sessions from exact system-prompt argv tokens, never a broad substring filter.
import { describe, expect, it } from 'vitest';
import { promptPathsOf, sessionsOf } from './sessions.js';

const dir = '/home/jay/.cokacdir';
const controller = `${dir}/system_prompt_a1b2c3d4_1`;
const bot = `${dir}/system_prompt_7f3a9c04_2`;
const prompts = new Map<string, string | null>([
  [controller, 'You are ANU. Watch task-2703.'],
  [bot, 'You are Hermes, executing task-2703 for schedule BE5161A0.'],
]);
const q = { taskId: 'task-2703', scheduleId: 'BE5161A0', controllerPrompt: controller, prompts };

describe('bot sessions', () => {
  it('finds the prompt path as a token or a --flag=value', () => {
    expect(promptPathsOf(['claude', '--system-prompt-file', bot])).toEqual([bot]);
    expect(promptPathsOf(['claude', `--append-system-prompt-file=${bot}`])).toEqual([bot]);
    expect(promptPathsOf(['claude', `${bot}.bak`, 'system_prompt_zz_1'])).toEqual([]);
  });
  it('sees the bot although its prompt lives in the same .cokacdir as the controller (the grep -v cokacdir incident)', () => {
    const processes = [
      { pid: 1001, argv: ['claude', '--append-system-prompt-file', controller] },
      { pid: 4242, argv: ['claude', '-p', '--system-prompt-file', bot] },
    ];
    expect(sessionsOf(processes, q)).toEqual({
      status: 'seen',
      pids: [4242],
      promptPaths: [bot],
      unattributed: 0,
    });
  });
  it("never counts the controller's own session, even when its prompt names the task", () => {
    expect(sessionsOf([{ pid: 1001, argv: ['claude', controller] }], q).status).toBe('absent');
  });
  it('a bot session whose prompt names another task is unattributed: unknown, not absent', () => {
    const other = `${dir}/system_prompt_0c0ffee1_1`;
    const r = sessionsOf([{ pid: 5001, argv: ['claude', other] }], {
      ...q,
      prompts: new Map([[other, 'task-27031 only']]),
    });
    expect([r.status, r.unattributed]).toEqual(['unknown', 1]);
  });
  it('a prompt that cannot be read is unattributed', () => {
    expect(sessionsOf([{ pid: 4242, argv: [bot] }], { ...q, prompts: new Map([[bot, null]]) }).status).toBe(
      'unknown',
    );
  });
  it('the schedule id alone attributes the session', () => {
    const p = new Map([[bot, 'cron BE5161A0']]);
    expect(sessionsOf([{ pid: 4242, argv: [bot] }], { ...q, prompts: p }).status).toBe('seen');
  });
});
