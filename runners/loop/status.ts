// opsfold loop status: the operator's one-look view of a loop, derived at read time from the
// manager's durable files (never stored). Reads only the last record of each telemetry log.
import { resolve } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { lastRecord } from '../../lib/io/last-record.js';
import { decideStatus, pickStatusFiles } from '../../lib/loop/status.js';
import { positiveInteger } from '../../lib/loop/flag-numbers.js';
import { statusViews } from '../../lib/loop/status-views.js';
import { asOfFlag, asOfOf } from '../cli/clock.js';
import { str, type Command, type Flag, type Io, type Values } from '../cli/command.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { confineArtifact, loopRoots, readArtifactDoc, type ArtifactRoots } from '../cli/artifacts.js';
import { writeOut } from '../cli/write-out.js';
import { loopFlag, prettyFlag, repoFlag, stateDirFlag } from '../cli/common-flags.js';
import { managerFiles, shownManagerFiles, type ManagerFiles } from '../cli/manager-files.js';
import { loopPathsOf } from '../cli/loop-paths.js';
import { loopsFoundLine } from '../cli/known-loop.js';
import { tuningSummaryOf } from './tuning-summary.js';
import { sourceNotes, statusSourceFlags } from './stream/status-source.js';

const fileFlag = (help: string): Flag => ({ type: 'string', arg: 'path', help, input: true });

const doc = async (roots: ArtifactRoots, file: string, what: string): Promise<unknown> => {
  const d = await readArtifactDoc(roots, file, `invalid ${what} JSON: ${file}`);
  return d.found ? d.value : null;
};

const last = async (roots: ArtifactRoots, file: string): Promise<unknown> => {
  const r = await lastRecord(await confineArtifact(roots, file));
  return r.kind === 'record' ? r.value : null;
};

const windowOf = (v: Values): number => {
  const n = positiveInteger(str(v, 'summary-window') ?? '200');
  if (n === null) throw usageError('--summary-window must be an integer >= 1');
  return n;
};

const read = async (roots: ArtifactRoots, f: ManagerFiles) => ({
  state: await doc(roots, f.stateFile, 'state'),
  cursor: await doc(roots, f.cursorFile, 'cursor'),
  health: await doc(roots, f.healthFile, 'health'),
  drift: await doc(roots, f.driftStateFile, 'drift'),
  alertDispatchState: await doc(roots, f.alertDispatchStateFile, 'alert dispatch state'),
  heartbeat: await doc(roots, f.heartbeatStateFile, 'heartbeat'),
  sequence: await doc(roots, f.sequenceStateFile, 'sequence'),
  lastIntent: await last(roots, f.intentsFile),
  lastReconcile: await last(roots, f.reconcileTelemetryFile),
  lastAlertDelivery: await last(roots, f.alertDispatchTelemetryFile),
  lastInvocation: await last(roots, f.controlInvocationsFile),
  lastHeartbeat: await last(roots, f.heartbeatTelemetryFile),
  lastSequence: await last(roots, f.sequenceTelemetryFile),
  lastControl: await last(roots, f.controlTelemetryFile),
});

export const loopStatus: Command = {
  path: ['loop', 'status'],
  title: "one loop's lifecycle, health, control, reconcile, tuning and alerts, derived now",
  usage: '--repo <path> --loop <id> [--pretty] [file overrides]',
  summary:
    'Print the operator status of a loop: lifecycle, health with reason codes, cursor, latest control intent and ' +
    'reconcile, tuning guidance (recommendedProfile, confidence, rationale), profile drift, alert delivery, and ' +
    'visibility.heartbeat|sequence|invocationAudit|trace. Derived at read time from the durable files (with --source ' +
    'too: the server is not contacted).',
  flags: {
    repo: repoFlag,
    loop: loopFlag,
    'state-dir': stateDirFlag,
    'state-file': fileFlag('Manager state. Default: <repo>/.superloop/ops-manager/<loop>/state.json'),
    'cursor-file': fileFlag('Manager cursor. Default: …/ops-manager/<loop>/cursor.json'),
    'health-file': fileFlag('Manager health. Default: …/ops-manager/<loop>/health.json'),
    'intents-file': fileFlag('Control intents log. Default: …/ops-manager/<loop>/intents.jsonl'),
    'drift-state-file': fileFlag('Profile drift state. Default: …/ops-manager/<loop>/profile-drift.json'),
    'drift-history-file': fileFlag('Profile drift history. Default: …/telemetry/profile-drift.jsonl'),
    'alert-dispatch-state-file': fileFlag('Alert dispatch state. Default: …/alert-dispatch-state.json'),
    'alert-dispatch-telemetry-file': fileFlag('Alert delivery telemetry. Default: …/telemetry/alerts.jsonl'),
    'heartbeat-state-file': fileFlag('Heartbeat state. Default: …/ops-manager/<loop>/heartbeat.json'),
    'heartbeat-telemetry-file': fileFlag('Heartbeat telemetry. Default: …/telemetry/heartbeat.jsonl'),
    'sequence-state-file': fileFlag('Sequence state. Default: …/ops-manager/<loop>/sequence-state.json'),
    'sequence-telemetry-file': fileFlag('Sequence telemetry. Default: …/telemetry/sequence.jsonl'),
    'control-invocations-file': fileFlag(
      'Control invocation audit log. Default: …/telemetry/control-invocations.jsonl',
    ),
    ...statusSourceFlags,
    'summary-window': { type: 'string', arg: 'n', help: 'Telemetry summary window (default 200).' },
    pretty: prettyFlag,
    'as-of': asOfFlag,
  },
  exits: {
    [EXIT.ok]: 'ok',
    [EXIT.error]: 'no status artifacts for the loop, or an artifact is not valid JSON (file:line:byte)',
    [EXIT.usage]: 'usage error',
  },
  async run(v, _pos, io: Io) {
    const p = loopPathsOf(v, io.cwd);
    const summaryWindow = windowOf(v);
    const files = managerFiles(p, v, io.cwd);
    const got = await read(loopRoots(p), files);
    const generatedAt = asOfOf(v, io).iso;
    if (got.state === null && got.health === null)
      throw new CliError(`no status artifacts found for loop: ${p.loopId}`, [
        `looked for ${files.stateFile} and ${files.healthFile}; run opsfold loop reconcile first`,
        loopsFoundLine(p.repo),
      ]);
    for (const note of sourceNotes(v, p.loopId, got.cursor)) io.stderr.write(`note: ${note}\n`);
    const tuningSummary = await tuningSummaryOf(p, files, summaryWindow, generatedAt);
    const status = decideStatus({
      ...statusViews({ ...got, tuningSummary }),
      generatedAt,
      repoPath: resolve(p.repo),
      loopId: p.loopId,
      summaryWindow,
      files: pickStatusFiles(shownManagerFiles(p, v)),
    });
    await writeOut(io.stdout, stableJson(status, v['pretty'] === true));
    return EXIT.ok;
  },
};
