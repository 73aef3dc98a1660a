// The facts of one overview row, gathered from the status document (what `loop status` says), the
// events index (the log itself) and the windows of the manager's logs. Pure.
import type { StateChoice } from './folded-state.js';
import type { ArtifactState, LastControl, LoopFacts, Sources } from './outputs.js';
import type { LastEvent } from './events-index.js';
import type { ControlRecord, StateView, StatusView } from './views.js';

export interface FactInputs {
  readonly loopId: string;
  readonly enabled: boolean | null;
  /** The `loop status` document. */
  readonly status: StatusView;
  /** The manager's state.json (for lastEventAt when the events log cannot say). */
  readonly state: StateView;
  readonly lastEvent: LastEvent | null;
  /** Complete lines of events.jsonl; null when it is missing. */
  readonly eventLines: number | null;
  /** Whether the manager has written a cursor (state.json or cursor.json). */
  readonly haveCursor: boolean;
  readonly escalations: { readonly open: number; readonly unkeyed: number };
  /** The last intents.jsonl record; null when there is none. */
  readonly lastIntent: ControlRecord | null;
  /** The last control-invocations.jsonl record (a refusal is recorded only there). */
  readonly lastInvocation: ControlRecord | null;
  readonly problems: readonly ArtifactState[];
  /** Whose lifecycle the status shows: the manager's state.json or the events folded by the page. */
  readonly stateChoice: StateChoice;
}

const controlOf = (r: ControlRecord): LastControl => ({
  intent: r.intent,
  status: r.status ?? r.outcome.status,
  timestamp: r.timestamp,
  reasonCode: r.reasonCode ?? r.outcome.reasonCode,
});

/** Pure: the later of the last intent and the last invocation audit (the intent wins a tie). */
export const lastControlOf = (
  intent: ControlRecord | null,
  invocation: ControlRecord | null,
): LastControl | null => {
  const a = intent === null ? null : controlOf(intent);
  const b = invocation === null ? null : controlOf(invocation);
  if (a === null || b === null) return a ?? b;
  return (b.timestamp ?? '') > (a.timestamp ?? '') ? b : a;
};

const cursorOf = (status: StatusView) => ({
  eventLineOffset: status.cursor.eventLineOffset ?? 0,
  eventLineCount: status.cursor.eventLineCount ?? 0,
});

/** Pure: where each value of the row came from. */
export const sourcesOf = (i: FactInputs): Sources => ({
  lifecycle:
    i.stateChoice.source === 'events' ? 'events' : i.status.lifecycle.state === null ? 'none' : 'manager',
  health: i.status.health.status === null ? 'none' : 'manager',
  lastEvent: i.lastEvent !== null ? 'events' : i.state.projection.lastEventAt === null ? 'none' : 'manager',
  cursor: i.haveCursor ? 'manager' : 'none',
  note: i.stateChoice.reason,
});

/** Pure: the row facts of one loop. */
export const factsOf = (i: FactInputs): LoopFacts => ({
  loopId: i.loopId,
  enabled: i.enabled,
  lifecycle: {
    state: i.status.lifecycle.state ?? 'unknown',
    confidence: i.status.lifecycle.confidence,
  },
  health: {
    status: i.status.health.status,
    reasonCodes: i.status.health.reasonCodes,
    updatedAt: i.status.health.updatedAt,
  },
  lastEvent: {
    at: i.lastEvent?.timestamp ?? i.state.projection.lastEventAt,
    name: i.lastEvent?.name ?? i.state.projection.lastEventName,
    line: i.lastEvent?.line ?? null,
  },
  eventLines: i.eventLines,
  cursor: i.haveCursor ? cursorOf(i.status) : null,
  escalations: i.escalations,
  lastControl: lastControlOf(i.lastIntent, i.lastInvocation),
  problems: i.problems,
  sources: sourcesOf(i),
});
