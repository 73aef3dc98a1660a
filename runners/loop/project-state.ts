// opsfold loop project-state: the manager lifecycle projection, written atomically to
// .superloop/ops-manager/<loop>/state.json (or --state-file) and printed.
import * as E from 'fp-ts/lib/Either.js';
import { join, resolve } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { loopRoots, readArtifactDoc, writeArtifact, writeArtifactText } from '../cli/artifacts.js';
import { projectionViews } from '../../lib/loop/envelope-views.js';
import { readView } from '../../lib/loop/lenient.js';
import { StateView } from '../../lib/loop/manager-views.js';
import { checkSnapshotEnvelope, projectState, snapshotProblem } from '../../lib/loop/project-state.js';
import { asOfOf } from '../cli/clock.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { readJsonDoc } from '../cli/json-doc.js';
import { writeOut } from '../cli/write-out.js';
import { gatherSnapshot } from './gather.js';
import { lastEventEnvelope } from './envelope-file.js';
import { loopPathsOf, type LoopPaths } from '../cli/loop-paths.js';
import { prettyFlag, readExits, readFlags } from '../cli/common-flags.js';

interface SnapshotSource {
  readonly value: unknown;
  readonly file: string;
  readonly commit: () => Promise<void>;
  readonly notes: readonly string[];
}

const snapshotFrom = async (v: Values, p: LoopPaths, io: Io, asOf: string): Promise<SnapshotSource> => {
  const given = str(v, 'snapshot-file');
  if (given !== undefined) {
    const doc = await readJsonDoc(resolve(io.cwd, given), `invalid snapshot JSON: ${given}`, given);
    if (!doc.found) throw new CliError(`snapshot file not found: ${given}`);
    return { value: doc.value, file: given, commit: async () => undefined, notes: [] };
  }
  const g = await gatherSnapshot(p, {
    asOf,
    fromStart: v['from-start'] === true,
    skipCorrupt: v['skip-corrupt'] === true,
    runId: null,
    traceId: null,
  });
  const file = join(p.opsfoldDir, 'snapshot.json');
  await writeArtifact(loopRoots(p), file, g.snapshot);
  return { value: g.snapshot, file, commit: g.commit, notes: g.notes };
};

export const loopProjectState: Command = {
  path: ['loop', 'project-state'],
  title: 'compute and write the manager lifecycle state of a loop',
  usage: '--repo <path> --loop <id> [--snapshot-file F] [--events-file F] [--state-file F] [options]',
  summary:
    'Compute the loop lifecycle (awaiting_approval > complete > running > stopped > failed > idle > unknown), the ' +
    'divergence flags (activeMismatch, approvalCompletionConflict, cursorRegression) and the transition, and write ' +
    'them atomically to the state file. Without --snapshot-file the snapshot is built (incrementally) from the repo.',
  flags: {
    ...readFlags,
    'snapshot-file': {
      type: 'string',
      arg: 'path',
      help: 'Use an existing loop_run_snapshot envelope JSON.',
    },
    'events-file': {
      type: 'string',
      arg: 'path',
      help: 'NDJSON of loop_run_event envelopes (as poll-events prints).',
    },
    'state-file': {
      type: 'string',
      arg: 'path',
      help: 'Output path. Default: <repo>/.superloop/ops-manager/<loop>/state.json',
    },
    pretty: prettyFlag,
  },
  exits: readExits,
  async run(v, _pos, io) {
    const p = loopPathsOf(v, io.cwd);
    const asOf = asOfOf(v, io).iso;
    const stateFile = resolve(io.cwd, str(v, 'state-file') ?? join(p.managerDir, 'state.json'));
    const snap = await snapshotFrom(v, p, io, asOf);
    if (E.isLeft(checkSnapshotEnvelope(snap.value, p.loopId))) {
      throw new CliError('snapshot envelope is invalid or loop id mismatch', [
        `${snap.file}: ${snapshotProblem(snap.value, p.loopId)}`,
      ]);
    }
    const eventsFile = str(v, 'events-file') ?? null;
    const last =
      eventsFile === null ? null : await lastEventEnvelope(resolve(io.cwd, eventsFile), eventsFile, p.loopId);
    const previous = await readArtifactDoc(loopRoots(p), stateFile, '').catch(() => ({
      found: true as const,
      value: {},
    }));
    const state = projectState({
      repoPath: p.repo,
      loopId: p.loopId,
      generatedAt: asOf,
      snapshotFile: snap.file,
      eventsFile,
      ...projectionViews({
        snapshot: snap.value,
        lastEventEnvelope: last?.envelope ?? null,
      }),
      previous: readView(StateView, previous.found ? previous.value : null),
    });
    for (const n of [...snap.notes, ...(last?.notes ?? [])]) io.stderr.write(`note: ${n}\n`);
    const text = stableJson(state, v['pretty'] === true);
    await writeArtifactText(loopRoots(p), stateFile, text);
    await writeOut(io.stdout, text);
    await snap.commit();
    return 0;
  },
};
