// opsfold harness dispatch-marker: writes memory/events/<task_id>.dispatched-<team>-<YYMMDD>.json right
// after a dispatch fires (seed 004 §3). Create-only and atomic: the same content again is a no-op,
// different content is refused (exit 2). The bot key is read from an env var and only sha256(key)[:16]
// is stored; it never appears in argv, output or files.
import * as E from 'fp-ts/lib/Either.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { DispatchMethod } from '../../lib/harness/dispatch-marker.js';
import { writeDispatchMarker } from '../../lib/harness/dispatch-write.js';
import { asOfOf, timeFlag } from '../cli/clock.js';
import { required, str, type Command, type Values, type Io } from '../cli/command.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { dispatchMarkerFlags } from './dispatch-marker-flags.js';
import { commonExits } from './flags.js';
import { readOperatorFile, sha256 } from './operator-file.js';
import { workspaceOf } from './workspace.js';

const refused = (name: string, detail: string): CliError =>
  new CliError(
    `dispatch marker exists with different content: ${name}`,
    [detail, 'a dispatch marker is never overwritten; a new dispatch gets a new team/date or a new task id'],
    EXIT.gate,
  );

export const readSha = async (v: Values, io: Io, fileFlag: string, shaFlag: string): Promise<string> => {
  const given = str(v, shaFlag);
  const file = str(v, fileFlag);
  if (given !== undefined) return given;
  if (file === undefined) throw usageError(`--${fileFlag} or --${shaFlag} is required`);
  return sha256(await readOperatorFile(io.cwd, file));
};

export const botKeyHash = (v: Values, io: Io): string => {
  const name = required(v, 'bot-key-env');
  const key = io.env[name];
  if (key === undefined || key === '') throw new CliError(`bot key env var is not set: ${name}`);
  return sha256(key).slice(0, 16);
};

const fireMsOf = (v: Values, asOfMs: number): number => timeFlag(v, 'fire-time')?.ms ?? asOfMs;

export const methodOf = (v: Values) => {
  const m = str(v, 'method') ?? 'dispatch_py';
  if (!E.isRight(DispatchMethod.decode(m)))
    throw usageError(`--method must be dispatch_py, direct_cron_bot_key or fallback_safety_net: ${m}`);
  return m as DispatchMethod;
};

export const harnessDispatchMarker: Command = {
  path: ['harness', 'dispatch-marker'],
  prints: 'json',
  title: 'write the create-only dispatch marker of a fired task',
  usage:
    '--root <dir> --task <id> --team <t> --schedule-id <id> --executor <e> --bot-key-env NAME ' +
    '(--prompt-file F | --prompt-sha S) (--task-md F | --task-md-sha S) [--method M] [--fire-time RFC3339]',
  summary:
    'Write memory/events/<task_id>.dispatched-<team>-<YYMMDD>.json (seed 004 §3.2) with task_id, schedule_id, ' +
    'executor, bot_key_hash = sha256(bot key)[:16], fire_time (ISO 8601 in the configured zone, default +09:00), ' +
    'prompt_sha, task_md_sha_before and dispatch_method. Never overwritten: the same content is a no-op, ' +
    'different content is refused.',
  flags: dispatchMarkerFlags,
  exits: { ...commonExits, [EXIT.gate]: 'a marker of that name exists with different content (refused)' },
  async run(v, _pos, io) {
    const ws = await workspaceOf(v, io);
    const input = {
      taskId: required(v, 'task'),
      team: required(v, 'team'),
      scheduleId: required(v, 'schedule-id'),
      executor: required(v, 'executor'),
      botKeyHash: botKeyHash(v, io),
      fireMs: fireMsOf(v, asOfOf(v, io).ms),
      zone: str(v, 'zone') ?? ws.config.zone,
      promptSha: await readSha(v, io, 'prompt-file', 'prompt-sha'),
      taskMdShaBefore: await readSha(v, io, 'task-md', 'task-md-sha'),
      method: methodOf(v),
    };
    const w = await writeDispatchMarker(ws, input);
    if (w.kind === 'invalid') throw usageError('invalid dispatch marker input', ...w.problems);
    if (w.kind === 'refused') throw refused(w.name, `${w.file}: differs in ${w.differing.join(', ')}`);
    await writeOut(io.stdout, stableJson({ action: w.kind, marker: w.name, content: w.marker }));
    return EXIT.ok;
  },
};
