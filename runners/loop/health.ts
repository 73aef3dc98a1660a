// opsfold loop health: the reference's standalone health step. Reads the manager state, transport
// health, last control intent, heartbeat and sequence state (each optional), grades them against the
// thresholds and prints health.json's document. It writes nothing: reconcile persists it.
import { stableJson } from '../../lib/core/stable-json.js';
import type * as t from 'io-ts';
import { decideHealth } from '../../lib/loop/health.js';
import { readView } from '../../lib/loop/lenient.js';
import {
  DriftGradeView,
  HeartbeatView,
  SequenceView,
  StateView,
  TransportGradeView,
} from '../../lib/loop/manager-views.js';
import type { Command, Flag } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { prettyFlag, traceIdFlag } from '../cli/common-flags.js';
import { ingestStatusOf, inputPath, thresholdsOf } from './health-inputs.js';
import {
  lastIntentStatus,
  nowFlag,
  nowOf,
  optional,
  optionalDoc,
  transportFlag,
  transportOf,
} from './observability/inputs.js';
import {
  heartbeatThresholdFlags,
  ingestThresholdFlags,
  profileFlags,
} from './observability/thresholds-flags.js';

const file = (help: string): Flag => ({ type: 'string', arg: 'path', help, input: true });

const invalid = (what: string) => (shownAs: string) => `invalid ${what} JSON: ${shownAs}`;

export const loopHealth: Command = {
  path: ['loop', 'health'],
  title: 'grade a loop manager state into healthy | degraded | critical with reason codes',
  usage: '[--state-file F] [--transport-health-file F] [--intents-file F] [options]',
  summary:
    'Grade the manager state, transport failure streak, last control intent, runtime heartbeat lag and ' +
    'sequence diagnostics into healthy | degraded | critical with reason codes (the health.json document) ' +
    'and print it. Every input is optional; with --repo and --loop they default to the files under ' +
    '.superloop/ops-manager/<loop>/.',
  flags: {
    'state-file': file('Manager state JSON (state.json).'),
    'transport-health-file': file('Transport health JSON (telemetry/transport-health.json).'),
    'intents-file': file('Control intents JSONL; its last record gives the control status.'),
    'heartbeat-state-file': file('Heartbeat state JSON (heartbeat.json) with lastHeartbeatAt.'),
    'sequence-state-file': file('Sequence diagnostics JSON (sequence-state.json).'),
    'drift-state-file': file('Profile drift state JSON; an active drift adds profile_drift_detected.'),
    repo: {
      type: 'string',
      arg: 'path',
      help: 'With --loop: default the input files to the loop manager files.',
    },
    loop: { type: 'string', arg: 'id', help: 'Loop id (with --repo).' },
    transport: transportFlag,
    'ingest-status': {
      type: 'string',
      arg: 'success|failed',
      help: 'Reconcile ingest result (default: success).',
    },
    'failure-code': { type: 'string', arg: 'code', help: 'Reconcile failure code when the ingest failed.' },
    ...profileFlags,
    'threshold-profile': {
      type: 'string',
      arg: 'name',
      help: 'Resolve the thresholds from this catalog profile (the environment is not consulted).',
    },
    ...ingestThresholdFlags,
    ...heartbeatThresholdFlags,
    now: nowFlag,
    'as-of': asOfFlag,
    'trace-id': traceIdFlag,
    pretty: prettyFlag,
  },
  exits: {
    [EXIT.ok]: 'health printed (whatever its status)',
    [EXIT.error]:
      'an input file is not valid JSON (file:line:byte), or the threshold catalog/profile is invalid',
    [EXIT.usage]:
      'usage error: unknown flag, bad --transport/--ingest-status/--now, bad threshold value or order',
  },
  notes: [
    'With neither --threshold-profile nor --thresholds-file the thresholds are 300/900 s and 2/4 failures',
    '(profile null), as in the reference; naming a profile resolves its values from the catalog.',
  ],
  async run(v, _pos, io) {
    const transport = transportOf(v);
    const ingestStatus = ingestStatusOf(v);
    const thresholds = await thresholdsOf(v, io);
    const now = nowOf(v, io);
    const doc = async <A>(view: t.Type<A, unknown>, flag: Parameters<typeof inputPath>[2], what: string) =>
      readView(view, await optionalDoc(io, inputPath(v, io, flag), invalid(what), null));
    const health = decideHealth({
      asOf: now.iso,
      asOfMs: now.ms,
      state: await doc(StateView, 'state-file', 'state'),
      transportHealth: await doc(TransportGradeView, 'transport-health-file', 'transport health'),
      lastIntentStatus: await lastIntentStatus(io, inputPath(v, io, 'intents-file')),
      heartbeat: await doc(HeartbeatView, 'heartbeat-state-file', 'heartbeat state'),
      sequence: await doc(SequenceView, 'sequence-state-file', 'sequence state'),
      drift: await doc(DriftGradeView, 'drift-state-file', 'drift state'),
      transport,
      ingestStatus,
      failureCode: optional(v, 'failure-code'),
      thresholds,
      traceId: optional(v, 'trace-id'),
    });
    await writeOut(io.stdout, stableJson(health, v['pretty'] === true));
    return EXIT.ok;
  },
};
