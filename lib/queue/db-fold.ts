// The SQLite queue as the fold of its queue_events rows: each event the operator commands write
// (`blocked`, `replan`, `retried`, with the reference's types and payload keys, plus `notes` on
// `retried`, which the reference leaves out and the fold needs) changes the row the way the command's
// UPDATE did. The reference's other writers' `done` / `failed` events fold too; anything else is
// counted as unknown. Law: foldDbEvents(rows0, events written since rows0) equals queue_items. Pure.
import { parseJson } from '../core/codec.js';
import * as E from 'fp-ts/lib/Either.js';
import { isObject } from '../core/json-object.js';
import { textOf } from './orch-runs.js';
import type { DbEvent, DbRow } from './row.js';

export interface DbFoldState {
  readonly rows: readonly DbRow[];
  readonly applied: number;
  /** Events of a type this fold does not know, or whose payload lacks what it needs. */
  readonly unknown: number;
}

/** What the fold reads of payload_json; a key of the wrong type reads as absent. */
interface Payload {
  readonly notes: string | null;
  readonly status: string | null;
}
type Change = (row: DbRow, p: Payload, at: string) => DbRow | null;

const terminal =
  (status: string): Change =>
  (row, p, at) => {
    const { notes } = p;
    if (notes === null) return null;
    return { ...row, status, notes, last_error: status === 'FAILED' ? notes : '', updated_at: at };
  };

const released = { owner_session: '-', started_at_kst: '-', lease_owner: null, lease_expires_at: null };

const CHANGES: Readonly<Record<string, Change>> = {
  blocked: terminal('BLOCKED'),
  done: terminal('DONE'),
  failed: terminal('FAILED'),
  replan: (row, { notes, status }, at) =>
    notes === null ? null : { ...row, ...released, status: status ?? 'PENDING', notes, updated_at: at },
  retried: (row, { notes }, at) => {
    if (notes === null) return null;
    const attempts =
      typeof row.attempt_count === 'number' ? row.attempt_count : Number(row.attempt_count ?? 0);
    return { ...row, ...released, status: 'PENDING', attempt_count: attempts + 1, notes, updated_at: at };
  },
};

// Decoded once per event: payload_json must be a JSON object; its keys are read leniently.
const payloadOf = (json: string): Payload | null => {
  const v = parseJson(json);
  if (E.isLeft(v) || !isObject(v.right)) return null;
  return { notes: textOf(v.right['notes']), status: textOf(v.right['status']) };
};

/** Pure: one queue_events row applied to the rows. */
export const evolveDb = (s: DbFoldState, e: DbEvent): DbFoldState => {
  const change = CHANGES[e.event_type];
  const payload = payloadOf(e.payload_json);
  const at = s.rows.findIndex((r) => r.id === e.item_id);
  const row = at < 0 ? undefined : s.rows[at];
  const next =
    change === undefined || payload === null || row === undefined ? null : change(row, payload, e.created_at);
  if (next === null) return { ...s, unknown: s.unknown + 1 };
  return { ...s, applied: s.applied + 1, rows: s.rows.map((r, i) => (i === at ? next : r)) };
};

/** Pure: folds events (in event_id order) over the starting rows. */
export const foldDbEvents = (rows: readonly DbRow[], events: readonly DbEvent[]): DbFoldState =>
  events.reduce(evolveDb, { rows, applied: 0, unknown: 0 } as DbFoldState);
