// opsfold loop heartbeat: grades the runtime heartbeat's freshness, writes heartbeat.json atomically
// and appends one record to telemetry/heartbeat.jsonl. The heartbeat is read from the runtime file
// or, as reconcile does for a remote loop, from a snapshot envelope's `runtime.heartbeat`.
import { resolve } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { displayPath } from '../../lib/loop/artifact-ref.js';
import { RuntimeDoc, SnapshotView, type RuntimeView } from '../../lib/loop/envelope-views.js';
import { readView } from '../../lib/loop/lenient.js';
import { heartbeatState, heartbeatTelemetry } from '../../lib/loop/heartbeat.js';
import type { Command, Io, Values } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { EXIT } from '../cli/errors.js';
import { readJsonDoc } from '../cli/json-doc.js';
import { writeOut } from '../cli/write-out.js';
import { loopFlag, prettyFlag, repoFlag, traceIdFlag } from '../cli/common-flags.js';
import type { LoopPaths } from '../cli/loop-paths.js';
import { nowFlag, nowOf, optional, transportFlag, transportOf } from './observability/inputs.js';
import { loopRoots } from '../cli/artifacts.js';
import { managerFiles, pathFlag, persistStepUnder, stepPaths } from './observability/step-files.js';
import { heartbeatThresholdFlags, heartbeatThresholdsFromFlags } from './observability/thresholds-flags.js';

interface Runtime {
  readonly doc: RuntimeView | null;
  readonly sourceFile: string | null;
}

const runtimeOf = async (v: Values, io: Io, p: LoopPaths): Promise<Runtime> => {
  const snapshotFile = optional(v, 'snapshot-file');
  if (snapshotFile !== null) {
    const doc = await readJsonDoc(
      resolve(io.cwd, snapshotFile),
      `invalid snapshot JSON: ${snapshotFile}`,
      snapshotFile,
    );
    const snapshot = readView(SnapshotView, doc.found ? doc.value : null);
    const ref = snapshot.heartbeatRef;
    return { doc: snapshot.heartbeat, sourceFile: typeof ref === 'string' ? ref : snapshotFile };
  }
  const given = optional(v, 'heartbeat-file');
  const file = given === null ? p.heartbeat : resolve(io.cwd, given);
  const shown = given ?? displayPath(p.repo, p.heartbeat);
  const doc = await readJsonDoc(file, `invalid heartbeat JSON: ${shown}`, shown);
  return { doc: readView(RuntimeDoc, doc.found ? doc.value : null), sourceFile: shown };
};

export const loopHeartbeat: Command = {
  path: ['loop', 'heartbeat'],
  title: 'grade the runtime heartbeat freshness of a loop',
  usage: '--repo <path> --loop <id> [--snapshot-file F | --heartbeat-file F] [options]',
  summary:
    'Grade how long ago the loop runtime last wrote its heartbeat (.superloop/loops/<loop>/heartbeat.v1.json): ' +
    'fresh, degraded (runtime_heartbeat_stale), critical, or unknown when there is none. Writes heartbeat.json ' +
    'atomically, appends telemetry/heartbeat.jsonl and prints the state.',
  flags: {
    repo: repoFlag,
    loop: loopFlag,
    'snapshot-file': {
      ...pathFlag('Take the heartbeat from a loop_run_snapshot envelope (runtime.heartbeat).'),
      input: true,
    },
    'heartbeat-file': {
      ...pathFlag('Runtime heartbeat JSON. Default: <repo>/.superloop/loops/<loop>/heartbeat.v1.json'),
      input: true,
    },
    'heartbeat-state-file': pathFlag('Output. Default: <repo>/.superloop/ops-manager/<loop>/heartbeat.json'),
    'heartbeat-telemetry-file': pathFlag(
      'Telemetry JSONL. Default: …/ops-manager/<loop>/telemetry/heartbeat.jsonl',
    ),
    ...heartbeatThresholdFlags,
    transport: transportFlag,
    now: nowFlag,
    'as-of': asOfFlag,
    'trace-id': traceIdFlag,
    pretty: prettyFlag,
  },
  exits: {
    [EXIT.ok]: 'heartbeat state written and printed (whatever its freshness)',
    [EXIT.error]: 'the heartbeat or snapshot file is not valid JSON (file:line:byte)',
    [EXIT.usage]: 'usage error: missing --repo/--loop, bad threshold, --transport or --now',
    [EXIT.lock]: 'the telemetry log stayed locked by another process for 10 s',
  },
  async run(v, _pos, io) {
    const p = stepPaths(v, io);
    const thresholds = heartbeatThresholdsFromFlags(v);
    const transport = transportOf(v);
    const now = nowOf(v, io);
    const runtime = await runtimeOf(v, io, p);
    const file = managerFiles(v, io, p);
    const state = heartbeatState({
      loopId: p.loopId,
      asOf: now.iso,
      asOfMs: now.ms,
      runtime: runtime.doc,
      sourceFile: runtime.sourceFile,
      thresholds,
      transport,
      traceId: optional(v, 'trace-id'),
    });
    await persistStepUnder(loopRoots(p))(
      file('heartbeat-state-file', 'heartbeat.json'),
      state,
      file('heartbeat-telemetry-file', 'telemetry/heartbeat.jsonl'),
      heartbeatTelemetry(state),
    );
    await writeOut(io.stdout, stableJson(state, v['pretty'] === true));
    return EXIT.ok;
  },
};
