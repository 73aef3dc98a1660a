// opsfold's delivery ledger (<state-dir>/loop/<loop>/alert-deliveries.jsonl): an append-only record of
// every acknowledged delivery and of how each escalation row ended, folded here into what the next run
// needs: which (row, sink) deliveries are acknowledged (never sent again), which rows still owe a
// delivery (retried), and which rows a crashed run already finished (not reported twice).
// Laws: evolve is total (an unknown record is counted, never thrown); fold(all) == foldFrom(fold(prefix),
// rest); a `delivered` record is never forgotten while its row may still be dispatched (rows after the
// last `cursor` record, and pending rows).
import * as E from 'fp-ts/lib/Either.js';
import type { Projection } from '../core/projection.js';
import { Sha256Hasher } from '../core/sha256.js';
import { isObject } from './json.js';
import type { RowKind } from './outcome.js';
import type { AlertReasonCode } from './reason-codes.js';

export interface DeliveredEvent {
  readonly type: 'delivered';
  readonly key: string;
  readonly line: number;
  readonly rowSha256: string;
  readonly sinkId: string;
  readonly sinkType: string;
  readonly httpStatus: number | null;
  readonly attempts: number;
  readonly at: string;
  readonly traceId: string;
}

export interface RowEvent {
  readonly type: 'row';
  readonly line: number;
  readonly byteOffset: number;
  readonly rowSha256: string;
  readonly kind: Exclude<RowKind, 'blank'>;
  readonly failureCodes: readonly AlertReasonCode[];
  /** A sink (or the route) failed and the row will be tried again next run. */
  readonly pending: boolean;
  /** The row failed its last allowed run and will not be tried again. */
  readonly abandoned: boolean;
  readonly deliveryRun: number;
  readonly at: string;
  readonly traceId: string;
}

/** Written after alert-dispatch-state.json: rows up to `lines` are settled unless still pending. */
export interface CursorEvent {
  readonly type: 'cursor';
  readonly lines: number;
  readonly byteOffset: number;
  readonly at: string;
}

export type LedgerEvent = DeliveredEvent | RowEvent | CursorEvent;

export type LedgerRow = Omit<RowEvent, 'type' | 'at' | 'traceId'>;

export interface DeliveryLedgerState {
  readonly delivered: Readonly<Record<string, { readonly line: number; readonly sinkId: string }>>;
  readonly rows: Readonly<Record<string, LedgerRow>>;
  readonly cursorLines: number;
  readonly records: number;
  readonly unknown: number;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

const isDelivered = (v: LedgerEvent): v is DeliveredEvent =>
  v.type === 'delivered' && isText(v.key) && isCount(v.line) && isText(v.sinkId);
const isRow = (v: LedgerEvent): v is RowEvent =>
  v.type === 'row' &&
  isCount(v.line) &&
  isCount(v.byteOffset) &&
  isText(v.rowSha256) &&
  isCount(v.deliveryRun);
const isCursor = (v: LedgerEvent): v is CursorEvent => v.type === 'cursor' && isCount(v.lines);

const settle = (s: DeliveryLedgerState, lines: number): DeliveryLedgerState => {
  const open = (line: number) => line > lines || s.rows[String(line)]?.pending === true;
  return {
    ...s,
    rows: Object.fromEntries(Object.entries(s.rows).filter(([, r]) => open(r.line))),
    delivered: Object.fromEntries(Object.entries(s.delivered).filter(([, d]) => open(d.line))),
    cursorLines: Math.max(s.cursorLines, lines),
  };
};

const rowOf = (e: RowEvent): LedgerRow => ({
  line: e.line,
  byteOffset: e.byteOffset,
  rowSha256: e.rowSha256,
  kind: e.kind,
  failureCodes: e.failureCodes,
  pending: e.pending,
  abandoned: e.abandoned,
  deliveryRun: e.deliveryRun,
});

const apply = (s: DeliveryLedgerState, e: LedgerEvent): DeliveryLedgerState => {
  if (isDelivered(e))
    return { ...s, delivered: { ...s.delivered, [e.key]: { line: e.line, sinkId: e.sinkId } } };
  if (isRow(e)) return { ...s, rows: { ...s.rows, [String(e.line)]: rowOf(e) } };
  if (isCursor(e)) return settle(s, e.lines);
  return { ...s, unknown: s.unknown + 1 };
};

export const deliveryLedgerProjection: Projection<DeliveryLedgerState, LedgerEvent> = {
  name: 'alert-deliveries',
  version: 1,
  initial: { delivered: {}, rows: {}, cursorLines: 0, records: 0, unknown: 0 },
  evolve: (s, { value }) => {
    const next = apply(s, value);
    return { ...next, records: next.records + 1 };
  },
};

/** Pure: the state with `events` recorded (as the next run's fold of the ledger will see them). */
export const foldLedger = (s: DeliveryLedgerState, events: readonly LedgerEvent[]): DeliveryLedgerState =>
  events.reduce(
    (acc, value) => deliveryLedgerProjection.evolve(acc, { value, position: { line: 0, byteOffset: 0 } }),
    s,
  );

/** Pure: accepts any JSON object with a string `type` (the projection counts the ones it cannot use). */
export const decodeLedgerLine = (v: unknown): E.Either<string, LedgerEvent> =>
  isObject(v) && typeof v['type'] === 'string'
    ? E.right(v as unknown as LedgerEvent)
    : E.left('expected an object with a string "type"');

/** Pure: the recorded outcome of the row at `line`, if the row there still has this content. */
export const recordedRow = (s: DeliveryLedgerState, line: number, rowSha256: string): LedgerRow | null => {
  const r = s.rows[String(line)];
  return r !== undefined && r.rowSha256 === rowSha256 ? r : null;
};

/** Pure: the row at `line` as a crashed run finished it (so it is reported, not processed again). */
export const finishedRow = (s: DeliveryLedgerState, line: number, rowSha256: string): LedgerRow | null => {
  const seen = recordedRow(s, line, rowSha256);
  return seen !== null && !(seen.pending && !seen.abandoned) ? seen : null;
};

/** Pure: the record giving up on a pending row whose line changed since it failed. */
export const abandonedRow = (pending: LedgerRow, stamp: { at: string; traceId: string }): RowEvent => ({
  type: 'row',
  ...pending,
  pending: false,
  abandoned: true,
  ...stamp,
});

/** Pure: rows that still owe a delivery and may be retried, oldest first. */
export const pendingRows = (s: DeliveryLedgerState): LedgerRow[] =>
  Object.values(s.rows)
    .filter((r) => r.pending && !r.abandoned)
    .sort((a, b) => a.line - b.line);

const encoder = new TextEncoder();

/**
 * Pure: the stable dedupe key of one escalation row's delivery to one sink. The same row (line and
 * content) and sink always give the same key; it goes out as the Idempotency-Key header too.
 */
export const deliveryKey = (k: {
  loopId: string;
  line: number;
  rowSha256: string;
  sinkId: string;
}): string => {
  const text = `${k.loopId}\n${k.line}\n${k.rowSha256}\n${k.sinkId}`;
  return `alert-${Sha256Hasher.from().update(encoder.encode(text)).digest().slice(0, 32)}`;
};
