// What the controller reads before any stage runs: the state the previous run left, the mutations in
// its own telemetry, and the operator's freeze windows. Each unreadable input is the reference's
// `error:` line (exit 1), checked before a stage can change anything.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as t from 'io-ts';
import {
  controllerMutationsProjection,
  freezeWindowsOf,
  type FreezeWindow,
  type Mutation,
} from '../../lib/fleet/promotion-controller-budget.js';
import type { ControllerRequest } from '../../lib/fleet/promotion-controller-steps.js';
import { decodeJsonLine } from '../../lib/fleet/promotion-window.js';
import { memoryCheckpointStore } from '../../lib/io/checkpoint-store.js';
import { foldSource } from '../../lib/io/fold-source.js';
import { fileSource } from '../../lib/io/source.js';
import { readDocument } from '../../lib/io/store.js';
import { CliError } from '../cli/errors.js';
import { readFleetDoc, type EdgeRoots } from './edge.js';
import { refusal } from './logs.js';

/** The previous run's state document, or null when there is none. */
export const readPreviousState = async (p: EdgeRoots, r: ControllerRequest): Promise<unknown> => {
  const read = await readFleetDoc(p, r.targets.stateFile, t.unknown);
  if (read.kind === 'missing') return null;
  if (read.kind === 'found') return read.value;
  throw new CliError(`invalid prior controller state JSON: ${r.files.stateFile}`);
};

/** The applies and rollbacks the controller recorded (the whole log: the window is recomputed). */
export const readMutations = async (p: EdgeRoots, r: ControllerRequest): Promise<readonly Mutation[]> => {
  const file = r.targets.telemetryFile;
  if (!existsSync(file)) return [];
  const invalid = `invalid controller telemetry JSONL: ${r.files.telemetryFile}`;
  const refused = await refusal(p, file);
  if (refused !== null) throw new CliError(invalid, [`${file}: refused: ${refused}`]);
  const source = fileSource(file, { decode: decodeJsonLine });
  const folded = await foldSource(source, controllerMutationsProjection, {
    checkpoints: memoryCheckpointStore(),
    key: file,
  }).catch((err: unknown) => {
    throw new CliError(invalid, [err instanceof Error ? err.message : String(err)]);
  });
  if (folded.kind !== 'folded') throw new CliError(invalid, [folded.detail]);
  return folded.state.mutations;
};

/** The freeze windows of `--freeze-windows-file` (none when not given). */
export const readFreezeWindows = async (cwd: string, shown: string): Promise<readonly FreezeWindow[]> => {
  if (shown === '') return [];
  const file = resolve(cwd, shown);
  if (!existsSync(file)) throw new CliError(`freeze windows file not found: ${shown}`);
  const read = await readDocument(file, t.unknown);
  if (read.kind !== 'found') throw new CliError(`invalid freeze windows JSON: ${shown}`);
  const windows = freezeWindowsOf(read.value);
  if (windows === null) throw new CliError(`freeze windows file contains invalid window entries: ${shown}`);
  return windows;
};
