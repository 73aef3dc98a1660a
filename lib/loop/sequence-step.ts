// One sequence diagnostics step with its effects, over ports: under the sequence state's lock (it is
// read, then replaced), compare this run's snapshot and event sequences with the state recorded last
// time, then persist the new state and its telemetry record.
import { SnapshotView } from './envelope-views.js';
import { readView } from './lenient.js';
import { SequenceView } from './manager-views.js';
import { sequenceDiagnostics, sequenceTelemetry, type EventSequenceState } from './sequence.js';
import type { SequenceState } from './sequence-codecs.js';

export interface SequenceStep {
  readonly stateFile: string;
  readonly telemetryFile: string;
  readonly loopId: string;
  readonly asOf: string;
  /** This run's snapshot envelope document; null when none was taken. */
  readonly snapshot: unknown;
  readonly events: EventSequenceState;
  readonly transport: string;
  readonly traceId: string | null;
}

export interface SequenceStepPorts {
  /** Runs `fn` holding the state's lock. */
  lock<T>(file: string, fn: () => Promise<T>): Promise<T>;
  /** The previous state document, null when there is none. */
  previous(file: string): Promise<unknown>;
  /** Writes the state (atomically), then appends its telemetry record. */
  persist(stateFile: string, state: SequenceState, telemetryFile: string, record: unknown): Promise<void>;
}

/** Diagnoses the sequences and records the result; returns the new state. */
export const sequenceStep = (ports: SequenceStepPorts, s: SequenceStep): Promise<SequenceState> =>
  ports.lock(s.stateFile, async () => {
    const previous = readView(SequenceView, await ports.previous(s.stateFile));
    const next = sequenceDiagnostics({
      loopId: s.loopId,
      asOf: s.asOf,
      snapshot: s.snapshot === null ? null : readView(SnapshotView, s.snapshot),
      events: s.events,
      previous,
      transport: s.transport,
      traceId: s.traceId,
    });
    await ports.persist(s.stateFile, next, s.telemetryFile, sequenceTelemetry(next));
    return next;
  });
