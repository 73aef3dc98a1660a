// opsfold loop control: carries out a cancel/approve/reject intent over the local or sprite_service
// transport, confirms it by observing the loop, and records the outcome in intents.jsonl,
// telemetry/control.jsonl and telemetry/control-invocations.jsonl. A key runs at most once.
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { loopFlag, repoFlag, stateDirFlag } from '../cli/common-flags.js';
import { loopPathsOf } from '../cli/loop-paths.js';
import { requireKnownLoop } from '../cli/known-loop.js';
import { clockFromFlags, realSleep, type Sleep } from '../cli/run-clock.js';
import {
  confirmFlags,
  confirmTiming,
  intentFlag,
  intentOf,
  keyOf,
  requireRepo,
} from './transport/control-flags.js';
import { confirmScriptOf } from './transport/confirm.js';
import { binExecutor, builtinExecutor, childEnv } from './transport/executor.js';
import { transportFlags, transportSettings } from './transport/flags.js';
import { runLocalControl, type ControlRun } from './transport/local-control.js';
import { generatedKey, traceIdOf, type ControlRequestFields } from './transport/request.js';
import { runServiceControl } from './transport/service-control.js';

export interface ControlCommandDeps {
  readonly sleep: Sleep;
}

const run = async (v: Values, io: Io, deps: ControlCommandDeps): Promise<ControlRun> => {
  const p = loopPathsOf(v, io.cwd);
  const intent = intentOf(v);
  const settings = transportSettings(v, io);
  const timing = confirmTiming(v);
  const key = keyOf(v);
  requireRepo(p);
  const bin = str(v, 'superloop-bin') ?? io.env['SUPERLOOP_BIN'];
  const binNamed = bin !== undefined && bin !== '';
  // A superloop CLI knows its loops by its own state, not by opsfold's folders: it decides, as in the reference.
  if (settings.endpoint === null && !binNamed) requireKnownLoop(p);
  const clock = clockFromFlags(v, io);
  const r: ControlRequestFields = {
    intent,
    by: str(v, 'by') ?? io.env['USER'] ?? 'unknown',
    note: str(v, 'note') ?? '',
    idempotencyKey: key ?? generatedKey(intent, clock.ms()),
    traceId: traceIdOf(str(v, 'trace-id'), io.env),
    doConfirm: v['no-confirm'] !== true,
    ...timing,
    retryAttempts: settings.retryAttempts,
    retryBackoffSeconds: settings.retryBackoffSeconds,
  };
  if (settings.endpoint !== null)
    return runServiceControl(p, r, { clock, sleep: deps.sleep, endpoint: settings.endpoint });
  const env = childEnv(io.env, settings.secretVars);
  const executor = binNamed ? binExecutor(bin, env) : builtinExecutor(p);
  const confirmScript = confirmScriptOf(env);
  const local = { clock, sleep: deps.sleep, executor, recordReplays: true };
  return runLocalControl(p, r, confirmScript === undefined ? local : { ...local, confirmScript });
};

/** The command with its sleep injected (tests pass one that advances a fake clock). */
export const makeLoopControl = (deps: ControlCommandDeps): Command => ({
  path: ['loop', 'control'],
  prints: 'json',
  title: 'cancel, approve or reject a loop run, confirm it, record the outcome',
  usage: '--repo <path> --loop <id> --intent cancel|approve|reject [options]',
  summary:
    'Carry out a control intent on a loop (cancel: end the active run; approve/reject: decide its pending approval), ' +
    'confirm it by observing the loop until --timeout-seconds, and append the outcome to intents.jsonl, ' +
    'telemetry/control.jsonl and telemetry/control-invocations.jsonl under .superloop/ops-manager/<loop>/. Prints the ' +
    'intent entry. The same --idempotency-key never runs twice, on either transport.',
  flags: {
    repo: repoFlag,
    loop: loopFlag,
    intent: intentFlag,
    ...transportFlags,
    'idempotency-key': {
      type: 'string',
      arg: 'key',
      help: 'Run this intent at most once under this key (default: generated).',
    },
    'trace-id': {
      type: 'string',
      arg: 'id',
      help: 'Trace id (default: OPS_MANAGER_TRACE_ID or a new uuid).',
    },
    by: { type: 'string', arg: 'name', help: 'Who decides (default: $USER).' },
    note: { type: 'string', arg: 'text', help: 'Decision note for approve/reject.' },
    ...confirmFlags,
    'no-confirm': { type: 'boolean', help: 'Skip confirmation; the outcome is executed_unconfirmed.' },
    'superloop-bin': {
      type: 'string',
      arg: 'path',
      help: 'Run this superloop CLI (or $SUPERLOOP_BIN) instead of making its file changes directly.',
    },
    'state-dir': stateDirFlag,
    'as-of': asOfFlag,
  },
  exits: {
    [EXIT.ok]: 'confirmed, or executed_unconfirmed with --no-confirm (or the replay of such an outcome)',
    [EXIT.error]: 'failed_command, a refused intent (reason code on stderr), or bad input',
    [EXIT.gate]:
      'ambiguous: executed but not confirmed before the timeout (or a key whose earlier run never finished)',
    [EXIT.usage]: 'usage error: missing --repo/--loop/--intent, unknown intent or transport, bad number',
    [EXIT.lock]: 'another control of this loop holds .opsfold/loop/<loop>/loop.lock',
  },
  notes: [
    'Refusal reason codes: approval_missing, approval_not_pending (approve/reject without a pending approval), ' +
      'loop_not_active, loop_not_current (cancel of a loop that is not the active one), idempotency_key_conflict.',
    'The service token: --service-token-env NAME (recommended), --service-token, or OPS_MANAGER_SERVICE_TOKEN.',
    'With a superloop CLI (--superloop-bin or SUPERLOOP_BIN) the CLI decides whether the intent fits the lifecycle; ' +
      'only a cancel that would stop another active loop is refused (loop_not_current).',
    'OPS_MANAGER_CONFIRM_SCRIPT names a script that confirms in place of observation: it gets --repo --loop --intent ' +
      "--timeout-seconds --interval-seconds; exit 0 is confirmed, any other exit ambiguous; its JSON is the entry's confirm.",
  ],
  async run(v, _pos, io) {
    const result = await run(v, io, deps);
    await writeOut(io.stdout, `${JSON.stringify(result.entry)}\n`);
    if (result.errorLine !== null) io.stderr.write(`error: ${result.errorLine}\n`);
    return result.exitCode;
  },
});

export const loopControl = makeLoopControl({ sleep: realSleep });
