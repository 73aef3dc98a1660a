// The facts of one overview row, gathered from the status document (what `loop status` says), the
// events index (the log itself) and the windows of the manager's logs. Pure.
import type { ArtifactState } from './artifact-state.js';
import type { LastEvent } from './events-index.js';
import { num, str, strings } from './fields.js';
import type { LastControl, LoopFacts } from './overview.js';

export interface FactInputs {
  readonly loopId: string;
  readonly enabled: boolean | null;
  /** The `loop status` document. */
  readonly status: unknown;
  /** The manager's state.json (for lastEventAt when the events log cannot say). */
  readonly state: unknown;
  readonly lastEvent: LastEvent | null;
  /** Complete lines of events.jsonl; null when it is missing. */
  readonly eventLines: number | null;
  /** Whether the manager has written a cursor (state.json or cursor.json). */
  readonly haveCursor: boolean;
  readonly escalations: { readonly open: number; readonly unkeyed: number };
  readonly lastIntent: unknown;
  /** The last control-invocations.jsonl record (a refusal is recorded only there). */
  readonly lastInvocation: unknown;
  readonly problems: readonly ArtifactState[];
}

const controlOf = (r: unknown): LastControl => ({
  intent: str(r, 'intent'),
  status: str(r, 'status') ?? str(r, 'outcome', 'status'),
  timestamp: str(r, 'timestamp'),
  reasonCode: str(r, 'reasonCode') ?? str(r, 'outcome', 'reasonCode'),
});

/** Pure: the later of the last intent and the last invocation audit (the intent wins a tie). */
export const lastControlOf = (intent: unknown, invocation: unknown): LastControl | null => {
  const a = intent === null || intent === undefined ? null : controlOf(intent);
  const b = invocation === null || invocation === undefined ? null : controlOf(invocation);
  if (a === null || b === null) return a ?? b;
  return (b.timestamp ?? '') > (a.timestamp ?? '') ? b : a;
};

const cursorOf = (status: unknown) => ({
  eventLineOffset: num(status, 'cursor', 'eventLineOffset') ?? 0,
  eventLineCount: num(status, 'cursor', 'eventLineCount') ?? 0,
});

/** Pure: the row facts of one loop. */
export const factsOf = (i: FactInputs): LoopFacts => ({
  loopId: i.loopId,
  enabled: i.enabled,
  lifecycle: {
    state: str(i.status, 'lifecycle', 'state') ?? 'unknown',
    confidence: str(i.status, 'lifecycle', 'confidence'),
  },
  health: {
    status: str(i.status, 'health', 'status'),
    reasonCodes: strings(i.status, 'health', 'reasonCodes'),
    updatedAt: str(i.status, 'health', 'updatedAt'),
  },
  lastEvent: {
    at: i.lastEvent?.timestamp ?? str(i.state, 'projection', 'lastEventAt'),
    name: i.lastEvent?.name ?? str(i.state, 'projection', 'lastEventName'),
    line: i.lastEvent?.line ?? null,
  },
  eventLines: i.eventLines,
  cursor: i.haveCursor ? cursorOf(i.status) : null,
  escalations: i.escalations,
  lastControl: lastControlOf(i.lastIntent, i.lastInvocation),
  problems: i.problems,
});
