// Seed 004 §7.4 end to end: the hook command runs as a real process fed a PreToolUse input on stdin, as
// Claude Code runs a hook, and appends the runtime audit; `harness actor` then reads it against a real
// git repository: the commit the audited executor made is L3, another author's bare commit is not.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';
import { gitAs } from './fixture-repo.js';

const PKG = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(PKG, 'node_modules/.bin/tsx');
const BIN = join(PKG, 'runners/opsfold.ts');
let ws = '';
let repo = '';

/** Runs the bin like a hook: the input JSON on stdin. */
const hook = (input: object, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = execFile(
      TSX,
      [BIN, 'harness', 'actor-audit', '--root', ws, ...argv],
      { cwd: repo },
      (err, stdout, stderr) => resolve({ code: Number(err?.code ?? 0), stdout, stderr }),
    );
    child.stdin?.end(JSON.stringify(input));
  });

beforeEach(() => {
  ws = mkdtempSync(join(tmpdir(), 'opsfold-audit-'));
  repo = join(ws, '.worktrees', 'task-2901-hermes');
  mkdirSync(repo, { recursive: true });
  gitAs(repo, 'opsfold', ['init', '-q', '-b', 'main']);
  gitAs(repo, 'opsfold', ['commit', '-q', '--allow-empty', '-m', 'base']);
});
afterEach(() => rmSync(ws, { recursive: true, force: true }));

describe('harness actor-audit as a PreToolUse hook', () => {
  it("given a Task call to vulcan, then the line names vulcan and the task of the worktree, and vulcan's commit is L3", async () => {
    const task = { tool_name: 'Task', tool_input: { subagent_type: 'vulcan', prompt: 'gate' }, cwd: repo };
    const r = await hook(task, '--executor', 'hermes');
    expect(r.code, r.stderr).toBe(0);
    const log = readFileSync(join(ws, 'memory', 'harness', 'actor-audit.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(log[0]!)).toMatchObject({
      executor: 'vulcan',
      task_id: 'task-2901',
      tool: 'Task',
      subagent_type: 'vulcan',
    });
    gitAs(repo, 'vulcan', ['commit', '-q', '--allow-empty', '-m', '[task-2901] [vulcan] add the gate']);
    gitAs(repo, 'someone-else', ['commit', '-q', '--allow-empty', '-m', 'tidy']);
    const argv = ['--repo', repo, '--range', 'main~2..main', '--task', 'task-2901'];
    const audit = ['--audit-log', join(ws, 'memory', 'harness', 'actor-audit.jsonl')];
    const report = await runCaptured(commands, ['harness', 'actor', ...argv, ...audit], {
      cwd: ws,
      env: {},
      now: Date.now,
    });
    expect(report.code, report.stderr).toBe(0);
    const rows = JSON.parse(report.stdout).commits.map(
      (c: { subject: string; level: string; actor: string | null }) => [c.subject, c.level, c.actor],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        ['[task-2901] [vulcan] add the gate', 'L3', 'vulcan'],
        ['tidy', 'L1', null],
      ]),
    );
  });
  it('given a call with no identifiable executor, then nothing is appended and the exit is 1, never 2 (which would block the tool)', async () => {
    const r = await hook({ tool_name: 'Edit', tool_input: { file_path: 'a.ts' }, cwd: repo });
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('no executor')]);
    expect(existsSync(join(ws, 'memory', 'harness', 'actor-audit.jsonl'))).toBe(false);
  });
});
