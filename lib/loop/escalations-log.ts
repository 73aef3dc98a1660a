// Appends the escalations a plan calls for, over the edge: folds escalations.jsonl from its checkpoint
// (only the appended bytes are read), plans against the conditions active now, appends the planned
// records (one locked write each) and saves the checkpoint. A line that is not a JSON object is
// quarantined and skipped, never fatal: the log is shared with other writers and the dispatcher treats
// such a line as data too. A log rotated or truncated under the checkpoint is folded again from the start.
import type { SourceFold } from '../io/fold-source.js';
import type { Edge } from '../io/node-edge.js';
import {
  decodeEscalation,
  escalationsProjection,
  planEscalations,
  type ActiveCondition,
  type EscalationHistory,
  type PlanScope,
} from './escalations.js';
import { quarantineRecords } from './quarantine.js';

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

export type EscalationOutcome =
  | {
      readonly kind: 'appended';
      readonly appended: readonly Record<string, unknown>[];
      readonly notes: readonly string[];
    }
  /** The log resolves outside its root (a symlink out): neither read nor appended. */
  | { readonly kind: 'outside'; readonly reason: string };

export interface EscalationHistoryRead {
  readonly history: EscalationHistory;
  readonly fold: Extract<SourceFold<EscalationHistory>, { kind: 'folded' }> | null;
  readonly notes: string[];
}

const checkpointsOf = (edge: Edge, opsfoldDir: string) =>
  edge.checkpoints(edge.resolve(opsfoldDir, 'checkpoints'));
const CHECKPOINT_KEY = `${escalationsProjection.name}.json`;

/** The escalation history of `file` as folded now, with the fold to checkpoint (null when absent). */
export const readEscalationHistory = async (
  edge: Edge,
  file: string,
  opsfoldDir: string,
  asOf: string,
): Promise<EscalationHistoryRead> => {
  const notes: string[] = [];
  const owned = await edge.foldOwnedLog(file, escalationsProjection, {
    checkpoints: checkpointsOf(edge, opsfoldDir),
    key: CHECKPOINT_KEY,
    decode: decodeEscalation,
    skipCorrupt: true,
  });
  if (owned.kind === 'missing') return { history: escalationsProjection.initial, fold: null, notes };
  const { fold } = owned;
  if (owned.refolded !== null)
    notes.push(`${file}: ${owned.refolded.kind} under its checkpoint; folded again from the start`);
  notes.push(...fold.notes);
  if (fold.corrupt.length > 0) {
    const kept = edge.resolve(opsfoldDir, 'quarantine.jsonl');
    await edge.store(opsfoldDir).append(kept, quarantineRecords(file, fold.corrupt, asOf));
    notes.push(`skipped ${fold.corrupt.length} unreadable line(s) of ${file}; kept in ${kept}`);
  }
  return { history: fold.state, fold, notes };
};

/** Plans and appends the escalation records for `run`; returns what was appended. */
export const escalateOver = async (edge: Edge, run: EscalationRun): Promise<EscalationOutcome> => {
  // Neither read nor appended when a symlink takes it out of the repo: the log is shared with
  // other writers, and a link planted there must not make opsfold append to a file elsewhere.
  const store = edge.store(run.root ?? edge.resolve(run.file, '..'));
  const where = await edge.confine(store.root, run.file);
  if (!where.ok) return { kind: 'outside', reason: where.reason };
  const { history, fold, notes } = await readEscalationHistory(edge, run.file, run.opsfoldDir, run.asOf);
  const appended = planEscalations({
    history,
    active: run.active,
    scope: run.scope,
    asOf: run.asOf,
    resolveExtras: run.resolveExtras,
  });
  if (appended.length > 0) await store.append(run.file, appended);
  if (fold !== null)
    await edge.applyEffects({ store, checkpoints: checkpointsOf(edge, run.opsfoldDir) }, [fold.checkpoint]);
  return { kind: 'appended', appended, notes };
};
