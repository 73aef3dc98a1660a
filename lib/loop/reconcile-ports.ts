// The effects a reconcile pass needs, as parameters ("ports"): the runner that owns the loop's files
// builds them (file store, loop lock, local or sprite_service transport, escalations log, drift step),
// a test builds them in memory, and the pass itself (reconcile-pass.ts) stays free of I/O.
import type * as E from 'fp-ts/lib/Either.js';
import type { EnvelopeFold } from './envelope-fold.js';
import type { DriftInputs, DriftState } from './profile-drift.js';
import type { EscalationRequest, IngestFailure } from './reconcile-decision.js';
import type { TelemetrySummary } from './telemetry-summary.js';

/** Runs `fn` holding the loop's lock (a second holder fails fast, exit 75). */
export type LoopLock = <T>(fn: () => Promise<T>) => Promise<T>;

/** One document the last pass left, read leniently: `null` when absent, `{}` (with a note) when unreadable. */
export interface LenientDoc {
  readonly value: unknown;
  readonly note: string | null;
}

/** What the last pass left behind: its documents and the last intent record (null when none). */
export interface PreviousDocsRead {
  readonly cursor: LenientDoc;
  readonly state: LenientDoc;
  readonly transport: LenientDoc;
  readonly heartbeat: LenientDoc;
  readonly sequence: LenientDoc;
  readonly drift: LenientDoc;
  readonly lastIntent: unknown;
}

/**
 * The snapshot a transport answered with and the new event envelopes folded by the pass's fold (the
 * transport reads them in batches and never holds them all).
 */
export interface PolledEnvelopes<S> {
  readonly snapshot: Readonly<Record<string, unknown>>;
  readonly folded: S;
  readonly cursorOffsetBefore: number;
  /** The cursor document to write once the pass's outputs are written (the pass builds it). */
  readonly cursorDoc: Readonly<Record<string, unknown>> & { readonly eventLineOffset: number };
  readonly notes: readonly string[];
  /** Saves the source's fold checkpoints; called last. */
  commit(): Promise<void>;
}

export interface DriftStepOutcome {
  readonly drift: DriftState;
  readonly notes: readonly string[];
}

export interface ReconcilePorts {
  readonly lock: LoopLock;
  readonly previous: () => Promise<PreviousDocsRead>;
  /**
   * Snapshot + incremental poll over the loop's transport, the new envelopes folded with `fold` as
   * they are read; a failure (also one midway through the events) is a value, never a throw.
   */
  readonly poll: <S>(fold: EnvelopeFold<S>) => Promise<E.Either<IngestFailure, PolledEnvelopes<S>>>;
  /** Replaces a document atomically (`pretty` as the file has always been written). */
  readonly write: (file: string, doc: unknown, pretty: boolean) => Promise<void>;
  /** Appends records to a log under its lock. */
  readonly append: (file: string, records: readonly unknown[]) => Promise<void>;
  /** Appends the escalations `plan` calls for, planned against the log when appended. */
  readonly escalate: (plan: EscalationRequest) => Promise<{ readonly notes: readonly string[] }>;
  /** The telemetry summary over the window, read after this pass's telemetry line is appended. */
  readonly telemetrySummary: () => Promise<TelemetrySummary>;
  /** The profile drift step (its state, history and escalations). */
  readonly drift: (inputs: Omit<DriftInputs, 'previous'>) => Promise<DriftStepOutcome>;
  /** The wall clock, for the pass's duration only (timestamps are `asOf`). */
  readonly now: () => number;
}
