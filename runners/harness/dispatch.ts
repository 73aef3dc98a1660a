// opsfold harness dispatch: fires a task by running the scheduler command given after `--` and writes
// its create-only dispatch marker within 5 s of the fire (seed 004 §3.1, §3.3), so the marker never
// depends on anyone remembering to write it. The logic is lib/harness/dispatch-run.ts.
import { stableJson } from '../../lib/core/stable-json.js';
import { dispatchTask, type DispatchResult } from '../../lib/harness/dispatch-run.js';
import { required, str, type Command } from '../cli/command.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { spelledAs } from '../cli/conventions.js';
import { botKeyHash, methodOf, readSha } from './dispatch-marker.js';
import { dispatchMarkerFlags } from './dispatch-marker-flags.js';
import { commonExits } from './flags.js';
import { runScheduler } from './scheduler.js';
import { workspaceOf } from './workspace.js';

const { 'fire-time': _f, 'as-of': _a, ...markerFlags } = dispatchMarkerFlags;

const patternOf = (text: string | undefined): RegExp => {
  try {
    return new RegExp(text ?? '\\b[0-9A-Fa-f]{8}\\b');
  } catch (err) {
    throw usageError(`--schedule-id-pattern is not a regular expression: ${(err as Error).message}`);
  }
};

const failure = (r: Exclude<DispatchResult, { kind: 'dispatched' }>): CliError => {
  if (r.kind === 'invalid') return usageError('invalid dispatch marker input', ...r.problems);
  if (r.kind === 'exists')
    return new CliError(`dispatch marker exists: ${r.name}`, ['nothing was fired'], EXIT.gate);
  if (r.kind === 'fire_failed') return new CliError(`the scheduler did not fire: ${r.detail}`);
  return new CliError('fired, but no schedule id in the scheduler output; no marker written', [
    'write it with `harness dispatch-marker --schedule-id <id>`',
    r.stdout,
  ]);
};

export const harnessDispatch: Command = {
  path: ['harness', 'dispatch'],
  prints: 'json',
  title: 'fire a task through the scheduler and write its dispatch marker within 5 s',
  usage:
    '--root <dir> --task <id> --team <t> --executor <e> --bot-key-env NAME (--prompt-file F | --prompt-sha S) ' +
    '(--task-md F | --task-md-sha S) [--schedule-id ID | --schedule-id-pattern RE] [--method M] -- <scheduler argv…>',
  summary:
    'Seed 004 §3: runs the scheduler command after `--` (argv, no shell, in the root, with this environment) and, ' +
    'once it exits 0, creates memory/events/<task_id>.dispatched-<team>-<YYMMDD>.json with fire_time = the fire ' +
    'instant, within 5 s of it. The shas are taken before firing; the schedule id is --schedule-id or the first ' +
    'match of --schedule-id-pattern (default 8 hex digits) in the scheduler output. An existing marker of the ' +
    'same name is refused before anything fires.',
  flags: {
    ...markerFlags,
    'schedule-id': { type: 'string', arg: 'id', help: 'The cron id, when known before firing.' },
    'schedule-id-pattern': {
      type: 'string',
      arg: 'RE',
      help: 'Finds the schedule id in the scheduler output (first group, else the match). Default: 8 hex digits.',
    },
    'timeout-seconds': {
      type: 'string',
      arg: 's',
      help: 'Seconds the scheduler command may take. Default: 60.',
    },
    'timeout-s': {
      type: 'string',
      arg: 's',
      help: 'The same (alias of --timeout-seconds).',
      alias: { of: 'timeout-seconds' },
    },
  },
  positionals: '-- <scheduler argv…>',
  exits: {
    ...commonExits,
    [EXIT.error]: `${commonExits[EXIT.error]}; the scheduler did not fire, or printed no schedule id`,
    [EXIT.gate]: 'a dispatch marker of that name exists (nothing fired)',
  },
  async run(v, pos, io) {
    if (pos.length === 0) throw usageError('the scheduler command is required after --');
    const ws = await workspaceOf(v, io);
    const timeoutS = Number(str(v, 'timeout-seconds') ?? '60');
    if (!(timeoutS > 0))
      throw usageError(
        `--${spelledAs(this, v, 'timeout-seconds')} must be a positive number: ${str(v, 'timeout-seconds')}`,
      );
    const input = {
      taskId: required(v, 'task'),
      team: required(v, 'team'),
      scheduleId: str(v, 'schedule-id') ?? null,
      scheduleIdPattern: patternOf(str(v, 'schedule-id-pattern')),
      executor: required(v, 'executor'),
      botKeyHash: botKeyHash(v, io),
      zone: str(v, 'zone') ?? ws.config.zone,
      promptSha: await readSha(v, io, 'prompt-file', 'prompt-sha'),
      taskMdShaBefore: await readSha(v, io, 'task-md', 'task-md-sha'),
      method: methodOf(v),
    };
    const fire = () => runScheduler(pos, { cwd: ws.root, env: io.env, timeoutMs: timeoutS * 1000 });
    const r = await dispatchTask(ws, input, { fire, now: io.now });
    if (r.kind !== 'dispatched') throw failure(r);
    const w = r.write;
    if (w.kind === 'invalid') throw usageError('invalid dispatch marker input', ...w.problems);
    if (w.kind === 'refused') throw new CliError(`dispatch marker differs: ${w.name}`, [w.file], EXIT.gate);
    if (!r.withinDeadline)
      io.stderr.write(
        `warning: the dispatch marker was written ${r.latencyMs} ms after the fire (seed: ≤ 5 s)\n`,
      );
    const out = { action: w.kind, marker: w.name, content: w.marker, marker_latency_ms: r.latencyMs };
    await writeOut(io.stdout, stableJson({ ...out, within_5s: r.withinDeadline }));
    return EXIT.ok;
  },
};
