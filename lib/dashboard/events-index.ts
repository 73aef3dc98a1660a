// The dashboard's fold over a loop's events.jsonl: how many records, the first and the last one, how
// often each event name occurs, and a sparse line index (the position of one line in every
// INDEX_EVERY) so that the timeline can number lines and look up an event by line without reading the
// file from its start. Law: fold(all) == foldFrom(fold(prefix), rest) for any split, because every
// field only grows from the records it is given, in order.
// Pure: the runner folds the file (lib/io) and checkpoints the state under .opsfold/dashboard/.
import type { Position } from '../core/position.js';
import type { Projection } from '../core/projection.js';
import * as E from 'fp-ts/lib/Either.js';
import { isObject } from '../core/json-object.js';
import { viewOf } from './lenient.js';
import { EventView } from './views.js';

export const INDEX_EVERY = 256;
/** Distinct event names counted by name; any beyond are counted together as `otherNames`. */
export const MAX_NAMES = 64;

export interface LastEvent {
  readonly line: number;
  readonly byteOffset: number;
  readonly timestamp: string | null;
  readonly name: string;
}

export interface EventsIndexState {
  readonly records: number;
  readonly first: LastEvent | null;
  readonly last: LastEvent | null;
  readonly names: Readonly<Record<string, number>>;
  readonly otherNames: number;
  /** Positions of indexed lines, ascending by line (and so by byte offset). */
  readonly marks: readonly Position[];
}

/** Pure: the event name as Superloop's tools read it: `.event // .type // ""`. */
export const nameOf = (v: EventView): string => v.event ?? v.type ?? '';

/** Pure: the record's timestamp, when it has one. */
export const timestampOf = (v: EventView): string | null => v.timestamp;

/** Pure: a parsed line of events.jsonl as the index reads it; a line that is not an object is corrupt. */
export const decodeEvent = (v: unknown): E.Either<string, EventView> =>
  isObject(v) ? E.right(viewOf(EventView, v)) : E.left('record is not a JSON object');

const countName = (s: EventsIndexState, name: string): Pick<EventsIndexState, 'names' | 'otherNames'> => {
  const key = name === '' ? '(unnamed)' : name;
  if (Object.hasOwn(s.names, key) || Object.keys(s.names).length < MAX_NAMES)
    return { names: { ...s.names, [key]: (s.names[key] ?? 0) + 1 }, otherNames: s.otherNames };
  return { names: s.names, otherNames: s.otherNames + 1 };
};

const needsMark = (marks: readonly Position[], line: number): boolean => {
  const last = marks[marks.length - 1];
  return last === undefined || line - last.line >= INDEX_EVERY;
};

export const eventsIndexProjection: Projection<EventsIndexState, EventView> = {
  name: 'dashboard-events-index',
  version: 1,
  initial: {
    records: 0,
    first: null,
    last: null,
    names: {},
    otherNames: 0,
    marks: [],
  },
  evolve(s, { value, position }) {
    const ev: LastEvent = {
      line: position.line,
      byteOffset: position.byteOffset,
      timestamp: timestampOf(value),
      name: nameOf(value),
    };
    return {
      ...s,
      ...countName(s, ev.name),
      records: s.records + 1,
      first: s.first ?? ev,
      last: ev,
      marks: needsMark(s.marks, position.line) ? [...s.marks, position] : s.marks,
    };
  },
};

/** Pure: the last mark whose `key` is at most `value` (binary search; marks ascend in both keys). */
const lastMarkAtMost = (
  marks: readonly Position[],
  key: 'byteOffset' | 'line',
  value: number,
): Position | null => {
  let lo = 0;
  let hi = marks.length - 1;
  let found: Position | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = marks[mid] as Position;
    if (m[key] <= value) {
      found = m;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
};

/** Pure: the last mark at or before `byteOffset`, or null. */
export const markAtOrBefore = (marks: readonly Position[], byteOffset: number): Position | null =>
  lastMarkAtMost(marks, 'byteOffset', byteOffset);

/** Pure: the last mark at or before line `line`, or null. */
export const markAtOrBeforeLine = (marks: readonly Position[], line: number): Position | null =>
  lastMarkAtMost(marks, 'line', line);
