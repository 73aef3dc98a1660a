// What the kill harness needs to know about one kind of work: how a child does one unit of it
// (append and acknowledge, fold, checkpoint, write outputs) and where its logs, outputs, checkpoints
// and locks are, so the parent can check every promise after every kill. A domain joins the harness
// by adding one entry to the table in workloads.ts.
import type * as E from 'fp-ts/lib/Either.js';
import type { Projection } from '../../lib/core/projection.js';
import type { Rng } from './rng.js';

/** Given to a workload's step in the child. */
export interface StepContext {
  readonly dir: string;
  readonly gen: number;
  readonly rng: Rng;
  /** A record id never used before in this directory (`<generation>-<sequence>`). */
  nextId(): string;
  /** Records ids as acknowledged; call only after the append that wrote them has resolved. */
  ack(ids: readonly string[]): Promise<void>;
}

/** An append-only log whose records carry ids; acknowledged ids must be in it exactly once. */
export interface LogSpec {
  readonly file: string;
  readonly idOf: (value: unknown) => string | null;
  /** For a log that is not JSONL (QUEUE.md, a database, git history): every id it holds, repeats kept. */
  readonly ids?: () => Promise<readonly string[]>;
}

/** A fold of one log: what a checkpoint or an output claims to be. The harness folds with skipCorrupt. */
export interface FoldSpec {
  readonly log: string;
  readonly projection: Projection<unknown, unknown>;
  readonly decode?: (value: unknown) => E.Either<string, unknown>;
}

export interface CheckpointSpec extends FoldSpec {
  readonly file: string;
}

/** An output file: it must parse whenever it exists, and pass `check` when given. */
export interface OutputSpec {
  readonly file: string;
  /** Why the parsed document is not a valid output (null when it is); may read the workload's files. */
  readonly check?: (value: unknown) => Promise<string | null>;
  /** The output is `{ cursor, state }` of this fold: it must equal a fresh fold up to that cursor. */
  readonly foldOf?: FoldSpec;
  /** A JSONL side file (a quarantine): complete lines parse; entries are keyed to count repeats. */
  readonly jsonlKey?: (value: unknown) => string;
}

export interface Layout {
  readonly logs: readonly LogSpec[];
  readonly outputs: readonly OutputSpec[];
  readonly checkpoints: readonly CheckpointSpec[];
  /** Files locked by the workload's appenders: a kill may leave `<file>.lock` behind. */
  readonly locks: readonly string[];
  /** Trees whose every `*.json` must parse and every `*.jsonl`'s complete lines too (a command's outputs). */
  readonly scan?: readonly string[];
  /** After each kill the parent ages lock dirs under this tree past stale (command lanes: see command-lane.ts). */
  readonly ageLocksUnder?: string;
}

export interface Workload {
  readonly name: string;
  /** Parent side, once, before the first child: create the tree the steps expect. */
  setup(dir: string): Promise<void>;
  /** Child side: one unit of work. Throwing ends the child with a non-zero code (a harness failure). */
  step(ctx: StepContext): Promise<void>;
  layout(dir: string): Layout;
}

/** Stale period of the harness's locks: short, so a killed holder costs 2 s. */
export const STALE_MS = 2000;

/** The file the child appends acknowledged ids to. */
export const ackFileOf = (dir: string): string => `${dir}/acks.log`;
