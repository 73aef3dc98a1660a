// The rules of the origin's runner lock (`state/ops_runner.lock`, `{run_id, locked_at}`): held while
// asOf − locked_at < 60 s, stale from 60 s on; a lock whose content or time cannot be read is stale, as
// in the origin (its reader swallows the error and takes the lock). A stale lock whose run wrote no
// snapshot belongs to a cycle that crashed: the next cycle reports it and never repeats its ticket.
// Pure.
import * as E from 'fp-ts/lib/Either.js';
import { decode } from '../core/codec.js';
import type { InterruptedCycle } from './codecs-snapshot.js';
import { OpsRunnerLock } from './codecs-safety.js';
import { parseInZone } from './zone.js';

/** The origin's LOCK_TIMEOUT_SECONDS. */
export const LOCK_STALE_MS = 60_000;

export type LockReading =
  | { readonly kind: 'held'; readonly lock: OpsRunnerLock; readonly ageMs: number }
  | { readonly kind: 'stale'; readonly lock: OpsRunnerLock | null; readonly why: string };

/** The lock file's JSON decoded (null when unparsable), or why it is not a lock. */
export const decodeLock = (content: unknown): E.Either<string, OpsRunnerLock> =>
  E.mapLeft((e: { readonly message: string }) => e.message)(decode(OpsRunnerLock, content));

/** Pure: whether a decoded lock (or why none could be decoded) still holds at `asOfMs`. */
export const readLock = (
  decoded: E.Either<string, OpsRunnerLock>,
  asOfMs: number,
  zone: string,
  staleMs = LOCK_STALE_MS,
): LockReading => {
  if (E.isLeft(decoded)) return { kind: 'stale', lock: null, why: `unreadable lock (${decoded.left})` };
  const lock = decoded.right;
  const at = parseInZone(lock.locked_at, zone);
  if (at === null)
    return { kind: 'stale', lock, why: `unreadable locked_at ${JSON.stringify(lock.locked_at)}` };
  const ageMs = asOfMs - at;
  if (ageMs >= staleMs)
    return { kind: 'stale', lock, why: `locked ${Math.floor(ageMs / 1000)} s before asOf` };
  return { kind: 'held', lock, ageMs };
};

/** Pure: the lock this run writes (the origin's two keys plus the crash-recovery intent). */
export const lockContent = (
  runId: string,
  lockedAt: string,
  intent: Partial<Omit<OpsRunnerLock, 'run_id' | 'locked_at'>> = {},
): OpsRunnerLock => ({ run_id: runId, locked_at: lockedAt, ...intent });

export interface InterruptFacts {
  readonly lock: OpsRunnerLock;
  /** The line of the receipt the interrupted run's worker appended for its ticket, if any. */
  readonly receiptLine: number | null;
  /** The ticket's status now (null when the run had selected none). */
  readonly status: string | null;
  readonly resultRecorded: boolean;
}

/** Pure: what the snapshot reports about a crashed cycle. */
export const interruptedCycle = (
  f: InterruptFacts,
  receiptRef: (line: number) => string,
): InterruptedCycle => ({
  run_id: f.lock.run_id,
  locked_at: f.lock.locked_at,
  selected_request_id: f.lock.selected_request_id ?? null,
  receipt_ref: f.receiptLine === null ? null : receiptRef(f.receiptLine),
  ticket_status: f.status,
  result_recorded: f.resultRecorded,
});

/** Pure: the LOCK_STALE_REPLACED detail. */
export const staleNote = (replaced: LockReading & { kind: 'stale' }): string => {
  const who = replaced.lock === null ? 'an unreadable lock' : `the lock of run ${replaced.lock.run_id}`;
  return `${who} was taken over: ${replaced.why}`;
};

/** Pure: the LOCK_CONFLICT_409 detail: who holds the lock (`shown`) and since when. */
export const heldDetail = (shown: string, lock: OpsRunnerLock | null, ageMs: number | null): string =>
  `${shown} held by run ${lock?.run_id ?? '(unreadable)'}` +
  (ageMs === null ? '' : ` since ${Math.floor(ageMs / 1000)} s before asOf`);
