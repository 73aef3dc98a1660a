// The idempotency ledger of one loop's control intents: an append-only JSONL under
// `.opsfold/loop/<loop>/control-idempotency.jsonl` with a `started` record before an intent runs and a
// `completed` record (with its outcome) after. Folding it answers, for a key: run it, replay the stored
// outcome, or refuse. Law: a key with a `started` record is never executed again. Pure.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decode, nullable } from '../core/codec.js';
import type { Projection } from '../core/projection.js';

export const StoredOutcome = t.type(
  { status: t.string, exitCode: t.number, entry: t.UnknownRecord },
  'StoredControlOutcome',
);
export type StoredOutcome = t.TypeOf<typeof StoredOutcome>;

export const LedgerRecord = t.intersection(
  [
    t.type({
      schemaVersion: t.literal('v1'),
      key: t.string,
      phase: t.keyof({ started: null, completed: null }),
      loopId: t.string,
      intent: t.string,
      at: t.string,
    }),
    t.partial({ traceId: nullable(t.string), transport: t.string, outcome: StoredOutcome }),
  ],
  'ControlIdempotencyRecord',
);
export type LedgerRecord = t.TypeOf<typeof LedgerRecord>;

export interface KeyState {
  readonly intent: string;
  readonly startedAt: string;
  readonly completedAt: string | null;
  readonly outcome: StoredOutcome | null;
}

export interface LedgerState {
  /** By `k:<key>`: the prefix keeps a key such as `__proto__` an ordinary property. */
  readonly keys: Readonly<Record<string, KeyState>>;
  readonly records: number;
  /** `completed` records for a key that was never `started` (kept, counted). */
  readonly orphans: number;
}

const slot = (key: string): string => `k:${key}`;

const started = (s: LedgerState, r: LedgerRecord): LedgerState => {
  if (s.keys[slot(r.key)] !== undefined) return { ...s, records: s.records + 1 };
  const k: KeyState = { intent: r.intent, startedAt: r.at, completedAt: null, outcome: null };
  return { ...s, keys: { ...s.keys, [slot(r.key)]: k }, records: s.records + 1 };
};

const completed = (s: LedgerState, r: LedgerRecord): LedgerState => {
  const prev = s.keys[slot(r.key)];
  const k: KeyState = {
    intent: prev?.intent ?? r.intent,
    startedAt: prev?.startedAt ?? r.at,
    completedAt: r.at,
    outcome: r.outcome ?? null,
  };
  const orphans = s.orphans + (prev === undefined ? 1 : 0);
  return { keys: { ...s.keys, [slot(r.key)]: k }, records: s.records + 1, orphans };
};

export const idempotencyProjection: Projection<LedgerState, LedgerRecord> = {
  name: 'control-idempotency',
  version: 1,
  initial: { keys: {}, records: 0, orphans: 0 },
  evolve: (s, e) => (e.value.phase === 'started' ? started(s, e.value) : completed(s, e.value)),
};

/** Pure: decodes one ledger line. */
export const decodeLedgerRecord = (v: unknown): E.Either<string, LedgerRecord> =>
  E.mapLeft((e: { message: string }) => e.message)(decode(LedgerRecord, v));

export type KeyDecision =
  | { readonly kind: 'execute' }
  | { readonly kind: 'replay'; readonly outcome: StoredOutcome }
  | { readonly kind: 'in_flight'; readonly startedAt: string }
  | { readonly kind: 'conflict'; readonly storedIntent: string };

/** Pure: what to do with `key` for `intent`, given the folded ledger. */
export const decideKey = (s: LedgerState, key: string, intent: string): KeyDecision => {
  const k = s.keys[slot(key)];
  if (k === undefined) return { kind: 'execute' };
  if (k.intent !== intent) return { kind: 'conflict', storedIntent: k.intent };
  if (k.outcome === null) return { kind: 'in_flight', startedAt: k.startedAt };
  return { kind: 'replay', outcome: k.outcome };
};

/** Pure: every completed key with its stored outcome, in key order. */
export const completedKeys = (s: LedgerState): [string, StoredOutcome][] =>
  Object.entries(s.keys)
    .filter((e): e is [string, KeyState & { outcome: StoredOutcome }] => e[1].outcome !== null)
    .map(([k, v]): [string, StoredOutcome] => [k.slice(2), v.outcome])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const KEY = /^[\x21-\x7e]{1,200}$/;

/** Pure: an idempotency key is 1–200 printable ASCII characters without spaces. */
export const validKey = (key: string): boolean => KEY.test(key);
