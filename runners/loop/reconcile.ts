// opsfold loop reconcile: one pass of the loop manager (snapshot + incremental poll + lifecycle,
// health with reason codes, heartbeat, sequence, escalations, telemetry, drift), under the loop's
// lock. Prints the state (exit 0) or, when the ingest failed, the health document (exit 1).
import { stableJson } from '../../lib/core/stable-json.js';
import { asOfFlag } from '../cli/clock.js';
import type { Command, Flag, Io, Values } from '../cli/command.js';
import { progressReporter, type ProgressPort } from '../../lib/io/progress.js';
import { unescaped } from '../cli/safe-stderr.js';
import { EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import {
  fromStartFlag,
  loopFlag,
  prettyFlag,
  quietFlag,
  repoFlag,
  skipCorruptFlag,
  stateDirFlag,
  traceIdFlag,
} from '../cli/common-flags.js';
import {
  heartbeatThresholdFlags,
  ingestThresholdFlags,
  profileFlags,
} from './observability/thresholds-flags.js';
import { realSleep } from '../cli/run-clock.js';
import { transportFlags } from './transport/flags.js';
import { reconcileStep } from './steps.js';
import { fleetIdFlag, sourceFlag } from '../cli/nats-flags.js';

const file = (help: string): Flag => ({ type: 'string', arg: 'path', help });
const n = (help: string): Flag => ({ type: 'string', arg: 'n', help });

/** The poll's progress on stderr: a terminal only, and never with --quiet. */
const progressOf =
  (v: Values, io: Io): ProgressPort =>
  (totalBytes) =>
    progressReporter(unescaped(io.stderr), {
      label: 'reconcile',
      totalBytes,
      quiet: v['quiet'] === true,
      now: io.now,
    });

export const loopReconcile: Command = {
  path: ['loop', 'reconcile'],
  title: 'one manager pass: ingest, lifecycle, health, escalations, telemetry',
  usage: '--repo <path> --loop <id> [--transport local|sprite_service] [thresholds] [options]',
  summary:
    'Run one loop-manager pass: snapshot + incremental poll from the saved cursor + lifecycle projection; then ' +
    'transport health, runtime heartbeat freshness, sequence diagnostics, health (healthy | degraded | critical ' +
    'with reason codes), escalations (raised when a condition becomes active, resolved when it clears), reconcile ' +
    'telemetry and profile drift. Writes state.json, cursor.json, health.json, heartbeat.json, sequence-state.json ' +
    'and telemetry/transport-health.json atomically under .superloop/ops-manager/<loop>/, and appends its telemetry. ' +
    'A re-run reads only the bytes appended since the last one.',
  flags: {
    repo: repoFlag,
    loop: loopFlag,
    ...transportFlags,
    source: {
      ...sourceFlag,
      help:
        "Read the loop's events from its NATS JetStream subject (shipped by `opsfold ship`) instead of events.jsonl; " +
        'the fold checkpoint resumes from the KV bucket and the cursor from the stream sequence. Needs --transport local.',
    },
    fleet: fleetIdFlag,
    'cursor-file': file('Cursor JSON. Default: <repo>/.superloop/ops-manager/<loop>/cursor.json'),
    'state-file': file('Output state. Default: <repo>/.superloop/ops-manager/<loop>/state.json'),
    'max-events': n('Ingest at most n new events in this pass (default 0 = all available).'),
    'from-start': fromStartFlag,
    'skip-corrupt': skipCorruptFlag,
    ...profileFlags,
    ...ingestThresholdFlags,
    ...heartbeatThresholdFlags,
    'drift-min-confidence': {
      type: 'string',
      arg: 'low|medium|high',
      help: 'Minimum drift confidence (default: medium).',
    },
    'drift-required-streak': n('Consecutive mismatches before drift is active (default: 3).'),
    'drift-summary-window': n('Telemetry summary window for drift (default: 200).'),
    'drift-state-file': file('Drift state. Default: …/ops-manager/<loop>/profile-drift.json'),
    'drift-history-file': file('Drift history. Default: …/telemetry/profile-drift.jsonl'),
    'alerts-enabled': {
      type: 'string',
      arg: 'true|false',
      help: 'Run alert dispatch after the pass (default: true).',
    },
    'alert-config-file': {
      ...file('Alert sink config (default: OPS_MANAGER_ALERT_SINKS_FILE, else the shipped one).'),
      input: true,
    },
    'alert-dispatch-state-file': file('Alert dispatch state. Default: …/alert-dispatch-state.json'),
    'alert-dispatch-telemetry-file': file('Alert delivery telemetry. Default: …/telemetry/alerts.jsonl'),
    'heartbeat-state-file': file('Heartbeat state. Default: …/ops-manager/<loop>/heartbeat.json'),
    'heartbeat-telemetry-file': file('Heartbeat telemetry. Default: …/telemetry/heartbeat.jsonl'),
    'sequence-state-file': file(
      'Sequence diagnostics state. Default: …/ops-manager/<loop>/sequence-state.json',
    ),
    'sequence-telemetry-file': file('Sequence diagnostics telemetry. Default: …/telemetry/sequence.jsonl'),
    'trace-id': { ...traceIdFlag, help: 'Trace id recorded in every artifact this pass writes.' },
    'state-dir': stateDirFlag,
    pretty: prettyFlag,
    quiet: quietFlag,
    'as-of': asOfFlag,
  },
  exits: {
    [EXIT.ok]: 'the pass ingested; the state (with health) is printed',
    [EXIT.error]:
      'the ingest failed (transport, snapshot, events or projection): health is printed and recorded; or a bad threshold catalog; or the --source server is unreachable (nothing written)',
    [EXIT.usage]: 'usage error: unknown flag, bad threshold or drift value, missing --service-base-url',
    [EXIT.lock]: 'another reconcile or control of this loop holds its lock; nothing was changed',
  },
  notes: [
    'A torn last line of events.jsonl is held back, not a transport failure. Escalations are deduplicated per',
    'loop + category + condition (health and divergence alike): raised once on activation, resolved once on clearing.',
  ],
  async run(v, _pos, io: Io) {
    const r = await reconcileStep(v, io, realSleep, { knownLoop: true, progress: progressOf(v, io) });
    for (const note of r.notes) io.stderr.write(`note: ${note}\n`);
    if (!r.ok) {
      // A script gets the reference's answer alone (the health document, no stderr line, so merged
      // streams still parse); an operator at a terminal also gets the reason and the way forward.
      if (io.stderr.isTTY === true) {
        io.stderr.write(`error: reconcile failed: ${r.health.transport.failureCode ?? 'unknown'}\n`);
        for (const line of (r.failureMessage ?? '').split('\n').filter((l) => l !== ''))
          io.stderr.write(`  ${line}\n`);
      }
      await writeOut(io.stdout, stableJson(r.health, r.pretty));
      return EXIT.error;
    }
    await writeOut(io.stdout, stableJson(r.state, r.pretty));
    return EXIT.ok;
  },
};
