// opsfold loop sequence: envelope sequence diagnostics. Compares this run's snapshot sequence and the
// polled event envelopes' sequences with what sequence-state.json recorded last time, writes the new
// state atomically (under its lock: it is read, then replaced) and appends telemetry/sequence.jsonl.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { foldFile } from '../../lib/io/fold-file.js';
import { CorruptLineError } from '../../lib/io/jsonl-errors.js';
import { withLock } from '../../lib/io/lock.js';
import {
  decodeEnvelopeSequence,
  eventSequenceProjection,
  type EventSequenceState,
} from '../../lib/loop/sequence.js';
import { sequenceStep } from '../../lib/loop/sequence-step.js';
import type { Command, Io, Values } from '../cli/command.js';
import { CliError, EXIT } from '../cli/errors.js';
import { readJsonDoc } from '../cli/json-doc.js';
import { writeOut } from '../cli/write-out.js';
import { prettyFlag, readFlags, traceIdFlag } from '../cli/common-flags.js';
import { gatherSnapshot } from './gather.js';
import type { LoopPaths } from '../cli/loop-paths.js';
import { nowFlag, nowOf, optional, optionalDoc, transportFlag, transportOf } from './observability/inputs.js';
import { confineArtifact, loopRoots } from '../cli/artifacts.js';
import { managerFiles, pathFlag, persistStepUnder, stepPaths } from './observability/step-files.js';

interface Snapshot {
  readonly doc: unknown;
  readonly commit: () => Promise<void>;
}

const snapshotOf = async (v: Values, io: Io, p: LoopPaths, asOf: string): Promise<Snapshot> => {
  const given = optional(v, 'snapshot-file');
  if (given === null) {
    const g = await gatherSnapshot(p, {
      asOf,
      fromStart: v['from-start'] === true,
      skipCorrupt: v['skip-corrupt'] === true,
      runId: null,
      traceId: optional(v, 'trace-id'),
    });
    for (const n of g.notes) io.stderr.write(`note: ${n}\n`);
    return { doc: g.snapshot, commit: g.commit };
  }
  const doc = await readJsonDoc(resolve(io.cwd, given), `invalid snapshot JSON: ${given}`, given);
  if (!doc.found) throw new CliError(`snapshot file not found: ${given}`);
  return { doc: doc.value, commit: async () => undefined };
};

/** Folds the envelopes file (streamed, constant memory); a bad line fails with file:line:byte. */
const eventsOf = async (v: Values, io: Io): Promise<EventSequenceState> => {
  const given = optional(v, 'events-file');
  if (given === null) return eventSequenceProjection.initial;
  const file = resolve(io.cwd, given);
  if (!existsSync(file)) throw new CliError(`events file not found: ${given}`);
  try {
    return (await foldFile(file, eventSequenceProjection, { decode: decodeEnvelopeSequence })).state;
  } catch (err) {
    if (!(err instanceof CorruptLineError)) throw err;
    throw new CliError(`invalid event envelope in ${given}`, [
      `${given}:${err.line}:${err.byteOffset}: ${err.reason}`,
    ]);
  }
};

export const loopSequence: Command = {
  path: ['loop', 'sequence'],
  title: 'check snapshot and event envelope sequences for ordering drift',
  usage: '--repo <path> --loop <id> [--snapshot-file F] [--events-file F] [options]',
  summary:
    'Check the snapshot and event envelope sequence numbers against the ones recorded last time: a snapshot ' +
    'or event sequence that goes backwards, repeats, or is missing is ordering drift (ordering_drift_detected). ' +
    'Writes sequence-state.json atomically, appends telemetry/sequence.jsonl and prints the state. Without ' +
    '--snapshot-file the snapshot is built from the repo.',
  flags: {
    ...readFlags,
    'snapshot-file': pathFlag('A loop_run_snapshot envelope JSON (default: build it from the repo).'),
    'events-file': pathFlag('NDJSON of loop_run_event envelopes (as poll-events prints).'),
    'sequence-state-file': pathFlag(
      'State. Default: <repo>/.superloop/ops-manager/<loop>/sequence-state.json',
    ),
    'sequence-telemetry-file': pathFlag(
      'Telemetry JSONL. Default: …/ops-manager/<loop>/telemetry/sequence.jsonl',
    ),
    transport: transportFlag,
    now: nowFlag,
    'trace-id': traceIdFlag,
    pretty: prettyFlag,
  },
  exits: {
    [EXIT.ok]: 'sequence state written and printed (drift or not)',
    [EXIT.error]: 'missing artifact or input file, invalid JSON or envelope line (file:line:byte)',
    [EXIT.usage]: 'usage error: missing --repo/--loop, bad --transport or --now',
    [EXIT.lock]: 'the sequence state stayed locked by another process for 10 s',
  },
  async run(v, _pos, io) {
    const p = stepPaths(v, io);
    const transport = transportOf(v);
    const now = nowOf(v, io);
    const file = managerFiles(v, io, p);
    const stateFile = file('sequence-state-file', 'sequence-state.json');
    const telemetryFile = file('sequence-telemetry-file', 'telemetry/sequence.jsonl');
    const snapshot = await snapshotOf(v, io, p, now.iso);
    const events = await eventsOf(v, io);
    const ports = {
      lock: <T>(file: string, fn: () => Promise<T>) => withLock(file, { waitMs: 10_000 }, fn),
      previous: async (file: string) =>
        optionalDoc(
          io,
          await confineArtifact(loopRoots(p), file),
          (f) => `invalid sequence state JSON: ${f}`,
          null,
        ),
      persist: persistStepUnder(loopRoots(p)),
    };
    const state = await sequenceStep(ports, {
      stateFile,
      telemetryFile,
      loopId: p.loopId,
      asOf: now.iso,
      snapshot: snapshot.doc,
      events,
      transport,
      traceId: optional(v, 'trace-id'),
    });
    await snapshot.commit();
    await writeOut(io.stdout, stableJson(state, v['pretty'] === true));
    return EXIT.ok;
  },
};
