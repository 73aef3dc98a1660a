// Fetching over the local transport: the snapshot folded from its checkpoint, the events read from
// the byte cursor. A failure is a value: snapshot_unavailable or events_unavailable.
import * as E from 'fp-ts/lib/Either.js';
import { unreachable, type TransportFailure } from '../../../lib/loop/transport-fetch.js';
import type { EnvelopeFold } from '../../../lib/loop/envelope-fold.js';
import { CliError } from '../../cli/errors.js';
import { gatherSnapshot } from '../gather.js';
import { pollStart } from '../poll-start.js';
import { polledCursorDoc } from '../poll-cursor.js';
import { quarantine } from '../quarantine.js';
import type { FetchRequest, LoopFetch } from './fetch-types.js';
import { pollEnvelopes, pollTap } from './poll-envelopes.js';

// A refusal reads as the reference's failureMessage: the failing step's stderr, `error: ` and all.
const why = (err: unknown): string =>
  err instanceof CliError
    ? [`error: ${err.errorLine}`, ...err.details].join('\n')
    : err instanceof Error
      ? err.message
      : String(err);

/**
 * The poll rides on the snapshot's read of the events log when both start at the same cursor (a first
 * pass, and every pass after one that completed): each line is read and parsed once. The snapshot then
 * folds up to the size the poll began at. A failure to find the poll's start is reported after the
 * snapshot's own, as when the two ran one after the other.
 */
export const fetchLocal = async <S>(
  r: FetchRequest,
  fold: EnvelopeFold<S>,
): Promise<E.Either<TransportFailure, LoopFetch<S>>> => {
  const p = r.paths;
  const { maxEvents, traceId, asOf, skipCorrupt, progress } = r;
  const opts = { maxEvents, traceId, asOf, skipCorrupt, ...(progress === undefined ? {} : { progress }) };
  const start = await pollStart(p, r.cursorFile, r.fromStart).catch((err: unknown) => ({ failed: err }));
  const ride = 'failed' in start ? null : pollTap(p, start, opts, fold);
  const rider = ride === null || 'failed' in start ? null : { until: start.size, tap: ride.tap };
  const g = await gatherSnapshot(
    p,
    { asOf: r.asOf, fromStart: r.fromStart, skipCorrupt: r.skipCorrupt, runId: null, traceId: r.traceId },
    rider,
  ).catch((err: unknown) => why(err));
  if (typeof g === 'string') return unreachable('snapshot_unavailable', g);
  try {
    if ('failed' in start) throw start.failed;
    const polled = ride?.polled() ?? (await pollEnvelopes(p, start, opts, fold));
    await quarantine(p.opsfoldDir, p.events, polled.corrupt, r.asOf);
    const cursorDoc = await polledCursorDoc(p, polled, { lineCount: polled.totalLines, asOf: r.asOf });
    const base = {
      snapshot: g.snapshot as unknown as Record<string, unknown>,
      folded: polled.events,
      cursorDoc,
      notes: g.notes,
    };
    return E.right({ ...base, cursorOffsetBefore: start.start.lines, commit: g.commit });
  } catch (err) {
    return unreachable('events_unavailable', why(err));
  }
};
