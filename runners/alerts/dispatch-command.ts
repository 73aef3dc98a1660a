// opsfold alerts dispatch: one dispatch pass over a loop's escalations, printed as the state document.
import { stableJson } from '../../lib/core/stable-json.js';
import { asOfFlag, asOfOf } from '../cli/clock.js';
import { required, str, type Command, type Values } from '../cli/command.js';
import { EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { repoOf } from '../cli/repo-root.js';
import { loopPaths } from '../cli/loop-paths.js';
import { requireKnownLoop } from '../cli/known-loop.js';
import { loopFlag, prettyFlag, repoFlag, stateDirFlag } from '../cli/common-flags.js';
import { countFlagValue } from '../../lib/alerts/dispatch-options.js';
import { runDispatch } from './dispatch.js';

const count = (v: Values, name: string, min: number, message: string): number | undefined => {
  const raw = str(v, name);
  if (raw === undefined) return undefined;
  const n = countFlagValue(raw, min);
  if (n === null) throw usageError(message);
  return n;
};

export const alertsDispatch: Command = {
  path: ['alerts', 'dispatch'],
  title: 'send new escalations to the alert sinks, retrying failed deliveries',
  usage: '--repo <path> --loop <id> [--alert-config-file F] [--max-escalations N] [--trace-id T] [options]',
  summary:
    'Consume new rows of .superloop/ops-manager/<loop>/escalations.jsonl from the line cursor in ' +
    'alert-dispatch-state.json, route each through the alert sink catalog to webhook, slack and ' +
    'pagerduty_events sinks, append every attempt to telemetry/alerts.jsonl, retry deliveries that failed ' +
    'in earlier runs, and write alert-dispatch-state.json atomically. An acknowledged delivery is recorded ' +
    "in opsfold's delivery ledger and never sent again; each request carries an Idempotency-Key header.",
  flags: {
    repo: repoFlag,
    loop: loopFlag,
    'escalations-file': {
      type: 'string',
      arg: 'path',
      help: 'Escalations JSONL. Default: <repo>/.superloop/ops-manager/<loop>/escalations.jsonl',
    },
    'dispatch-state-file': {
      type: 'string',
      arg: 'path',
      help: 'Dispatch state JSON. Default: <repo>/.superloop/ops-manager/<loop>/alert-dispatch-state.json',
    },
    'dispatch-telemetry-file': {
      type: 'string',
      arg: 'path',
      help: 'Dispatch telemetry JSONL. Default: <repo>/.superloop/ops-manager/<loop>/telemetry/alerts.jsonl',
    },
    'trace-id': {
      type: 'string',
      arg: 'id',
      help: 'Trace id of this run (default: OPS_MANAGER_TRACE_ID, else a new UUID).',
    },
    'alert-config-file': {
      type: 'string',
      arg: 'path',
      help: 'Alert sink config JSON (default: OPS_MANAGER_ALERT_SINKS_FILE, else the shipped catalog).',
      input: true,
    },
    'max-escalations': {
      type: 'string',
      arg: 'n',
      help: 'At most this many new rows, blank ones included (default 0 = all).',
    },
    'retry-attempts': {
      type: 'string',
      arg: 'n',
      help: 'HTTP attempts per delivery within a run (default 3).',
    },
    'retry-backoff-seconds': {
      type: 'string',
      arg: 'n',
      help: 'Backoff base: attempt n waits base x 2^(n-2) seconds (default 1).',
    },
    'max-delivery-runs': {
      type: 'string',
      arg: 'n',
      help: 'Runs a failed delivery is tried in before it is abandoned (default 10; 0 = no limit).',
    },
    'state-dir': stateDirFlag,
    pretty: prettyFlag,
    'as-of': asOfFlag,
  },
  exits: {
    [EXIT.ok]:
      'the pass ran (delivery failures are reported in the state and telemetry, and retried next run)',
    [EXIT.error]:
      'repo missing, invalid dispatch state JSON, or the state cursor is ahead of the escalations file',
    [EXIT.usage]: 'usage error: unknown flag, missing --repo/--loop, a count that is not a whole number',
    [EXIT.lock]: 'another dispatch of this loop holds the state file lock',
  },
  notes: [
    'Secrets come only from the env vars the catalog names; they never appear in state, telemetry or errors.',
    'OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT names an external route resolver, as in the reference.',
  ],
  async run(v, _pos, io) {
    const repo = repoOf(v, io.cwd);
    const loopId = required(v, 'loop');
    const maxEscalations = count(v, 'max-escalations', 0, '--max-escalations must be a non-negative integer');
    requireKnownLoop(loopPaths(io.cwd, repo, loopId, str(v, 'state-dir')));
    const result = await runDispatch({
      cwd: io.cwd,
      env: io.env,
      now: io.now,
      asOf: str(v, 'as-of') === undefined ? undefined : asOfOf(v, io).iso,
      repo,
      loopId,
      escalationsFile: str(v, 'escalations-file'),
      stateFile: str(v, 'dispatch-state-file'),
      telemetryFile: str(v, 'dispatch-telemetry-file'),
      stateDir: str(v, 'state-dir'),
      alertConfigFile: str(v, 'alert-config-file'),
      traceId: str(v, 'trace-id'),
      maxEscalations,
      retryAttempts: count(v, 'retry-attempts', 1, '--retry-attempts must be an integer >= 1'),
      retryBackoffSeconds: count(
        v,
        'retry-backoff-seconds',
        0,
        '--retry-backoff-seconds must be a non-negative integer',
      ),
      maxDeliveryRuns: count(v, 'max-delivery-runs', 0, '--max-delivery-runs must be a non-negative integer'),
    });
    for (const n of result.notes) io.stderr.write(`note: ${n}\n`);
    await writeOut(io.stdout, stableJson(result.state, v['pretty'] === true));
    return EXIT.ok;
  },
};
