// opsfold harness actor-audit: the PreToolUse hook command (seed 004 §7.4). Reads the hook's JSON input
// (stdin, or --input F), identifies the executor by code (a Task call's subagent_type, else the session
// actor given by --executor) and appends one line to memory/harness/actor-audit.jsonl, the runtime audit
// `harness actor --audit-log` reads for L3. It never exits 2: for a PreToolUse hook that would block the
// tool call, and recording must not decide what runs.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { auditLineOf } from '../../lib/harness/actor-audit.js';
import { isoInZone } from '../../lib/harness/zone.js';
import { str, type Command } from '../cli/command.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { commonExits, rootFlag } from './flags.js';
import { workspaceOf } from './workspace.js';

const readInput = async (file: string, cwd: string): Promise<unknown> => {
  const text = file === '-' ? await readStdin() : await readFile(resolve(cwd, file), 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError('the hook input is not JSON', [file === '-' ? 'stdin' : file]);
  }
};

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export const harnessActorAudit: Command = {
  path: ['harness', 'actor-audit'],
  prints: 'json',
  title: 'hook command: append the runtime actor audit line of one tool call',
  usage: '--root <dir> [--executor NAME] [--task T] [--commit SHA] [--input F|-]',
  summary:
    'For a PreToolUse hook (seed 004 §7.4): reads the hook input JSON and appends {ts, executor, task_id, tool, ' +
    'subagent_type, commit} to memory/harness/actor-audit.jsonl. The executor is the Task call’s ' +
    'tool_input.subagent_type, else --executor (the session’s own actor); the task is --task, else the ' +
    '`.worktrees/<task>-<team>` the call runs in. Exits 0 or 1, never 2 (which would block the tool call).',
  flags: {
    root: rootFlag,
    executor: { type: 'string', arg: 'name', help: 'The actor of this session (for calls other than Task).' },
    task: {
      type: 'string',
      arg: 'id',
      help: 'Task id. Default: from the .worktrees/<task>-<team> of the call.',
    },
    commit: { type: 'string', arg: 'sha', help: 'The commit this line is about (a post-commit use).' },
    input: { type: 'string', arg: 'path', help: 'The hook input JSON. Default: - (stdin).', input: true },
  },
  exits: { ...commonExits, [EXIT.error]: `${commonExits[EXIT.error]}; no executor could be identified` },
  async run(v, _pos, io) {
    const ws = await workspaceOf(v, io);
    const hookInput = await readInput(str(v, 'input') ?? '-', io.cwd);
    const config = {
      executor: str(v, 'executor') ?? null,
      task: str(v, 'task') ?? null,
      commit: str(v, 'commit') ?? null,
    };
    if (config.commit !== null && !/^[0-9a-f]{7,64}$/.test(config.commit))
      throw usageError(`--commit must be 7 to 64 lowercase hex digits: ${config.commit}`);
    const r = auditLineOf(hookInput, config, isoInZone(io.now(), ws.config.zone));
    if ('problem' in r) throw new CliError(`no audit line written: ${r.problem}`);
    await ws.store.append(ws.actorAuditLog, [r.line]);
    await writeOut(
      io.stdout,
      stableJson({ appended: ws.fs.relative(ws.root, ws.actorAuditLog), line: r.line }),
    );
    return EXIT.ok;
  },
};
