// Appends the escalations a plan calls for: folds escalations.jsonl from its checkpoint (only the
// appended bytes are read), plans against the conditions active now, appends the planned records
// (one locked write each) and saves the checkpoint. A line that is not a JSON object is quarantined
// and skipped, never fatal: the log is shared with other writers and the dispatcher treats such a
// line as data too. A log rotated or truncated under the checkpoint is folded again from the start.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { confine } from '../../../lib/io/confine.js';
import { fileStore } from '../../../lib/io/store.js';
import { foldFile, saveFoldCheckpoint, type FoldFileResult } from '../../../lib/io/fold-file.js';
import { SourceChangedError } from '../../../lib/io/jsonl-errors.js';
import {
  decodeEscalation,
  escalationsProjection,
  planEscalations,
  type ActiveCondition,
  type EscalationHistory,
  type PlanScope,
} from '../../../lib/loop/escalations.js';
import { quarantine } from '../quarantine.js';
import { CliError } from '../../cli/errors.js';

export interface EscalationRun {
  readonly file: string;
  /** The directory the log must stay in (the repo); without it, the log's own directory. */
  readonly root?: string;
  /** opsfold's state dir for this loop (checkpoints, quarantine). */
  readonly opsfoldDir: string;
  readonly active: readonly ActiveCondition[];
  readonly scope: PlanScope;
  readonly asOf: string;
  readonly resolveExtras?: Readonly<Record<string, unknown>>;
}

export interface EscalationOutcome {
  readonly appended: readonly Record<string, unknown>[];
  readonly notes: readonly string[];
}

const checkpointOf = (opsfoldDir: string): string =>
  join(opsfoldDir, 'checkpoints', `${escalationsProjection.name}.json`);

const foldLog = async (file: string, checkpointPath: string, notes: string[]) => {
  const opts = { checkpointPath, decode: decodeEscalation, skipCorrupt: true };
  try {
    return await foldFile(file, escalationsProjection, opts);
  } catch (err) {
    if (!(err instanceof SourceChangedError)) throw err;
    notes.push(`${file}: ${err.kind} under its checkpoint; folded again from the start`);
    return foldFile(file, escalationsProjection, { ...opts, fromStart: true });
  }
};

/** The escalation history of `file` as folded now, with the fold to checkpoint (null when absent). */
export const readEscalationHistory = async (
  file: string,
  opsfoldDir: string,
  asOf: string,
): Promise<{
  history: EscalationHistory;
  fold: FoldFileResult<EscalationHistory> | null;
  notes: string[];
}> => {
  const notes: string[] = [];
  if (!existsSync(file)) return { history: escalationsProjection.initial, fold: null, notes };
  const fold = await foldLog(file, checkpointOf(opsfoldDir), notes);
  notes.push(...fold.notes);
  const kept = await quarantine(opsfoldDir, file, fold.corrupt, asOf);
  if (kept !== null)
    notes.push(`skipped ${fold.corrupt.length} unreadable line(s) of ${file}; kept in ${kept}`);
  return { history: fold.state, fold, notes };
};

/** Plans and appends the escalation records for `run`; returns what was appended. */
export const escalate = async (run: EscalationRun): Promise<EscalationOutcome> => {
  // Neither read nor appended when a symlink takes it out of the repo: the log is shared with
  // other writers, and a link planted there must not make opsfold append to a file elsewhere.
  const store = fileStore(run.root ?? dirname(run.file));
  const where = await confine(store.root, run.file);
  if (!where.ok) throw new CliError(`artifact resolves outside the repo: ${run.file}`, [where.reason]);
  const { history, fold, notes } = await readEscalationHistory(run.file, run.opsfoldDir, run.asOf);
  const appended = planEscalations({
    history,
    active: run.active,
    scope: run.scope,
    asOf: run.asOf,
    resolveExtras: run.resolveExtras,
  });
  if (appended.length > 0) await store.append(run.file, appended);
  if (fold !== null)
    await saveFoldCheckpoint(checkpointOf(run.opsfoldDir), run.file, escalationsProjection, fold);
  return { appended, notes };
};
