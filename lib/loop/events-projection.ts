// The fold over `events.jsonl` that a snapshot needs: how many records, the last one, and how many
// carried no event name. Law: the state after any prefix plus the rest equals the full fold, so a
// snapshot re-run costs only the appended lines.
import type { Projection } from '../core/projection.js';
import { eventName, type RawEvent } from './event-fields.js';

export interface LoopEventsState {
  readonly records: number;
  readonly unnamed: number;
  readonly firstEventAt: string | null;
  readonly last: RawEvent | null;
  readonly lastLine: number;
}

export const loopEventsProjection: Projection<LoopEventsState, RawEvent> = {
  name: 'loop-events',
  version: 1,
  initial: { records: 0, unnamed: 0, firstEventAt: null, last: null, lastLine: 0 },
  evolve: (s, { value, position }) => ({
    records: s.records + 1,
    unnamed: s.unnamed + (eventName(value) === '' ? 1 : 0),
    firstEventAt: s.firstEventAt ?? (typeof value['timestamp'] === 'string' ? value['timestamp'] : null),
    last: value,
    lastLine: position.line,
  }),
};
