// Fetching a loop for reconcile from JetStream (`--source nats://…`): the snapshot folded from the
// stream (./snapshot.ts) and the events after reconcile's cursor read from the loop's subject by a
// durable consumer. The cursor file keeps the reference's keys and the lines' file positions; its
// fingerprint holds the stream sequence to resume from. A cursor the file poll wrote (same positions)
// resumes from the stream's first message, skipping the lines before it. Failures are values.
import * as E from 'fp-ts/lib/Either.js';
import { cursorStart, type Cursor, type SourceFingerprint } from '../../../lib/core/position.js';
import type { JsonlBatch } from '../../../lib/io/jsonl.js';
import { jetStreamSource } from '../../../lib/io/nats/source.js';
import type { Source } from '../../../lib/io/source.js';
import { displayPath } from '../../../lib/loop/artifact-ref.js';
import type { EnvelopeFold } from '../../../lib/loop/envelope-fold.js';
import type { RawEvent } from '../../../lib/loop/event-fields.js';
import { decodeLoopEventLine } from '../../../lib/loop/event-guard.js';
import { cursorDocument } from '../../../lib/loop/poll-cursor.js';
import { foldEnvelopes } from '../../../lib/loop/poll-envelopes.js';
import { unreachable, type TransportFailure } from '../../../lib/loop/transport-fetch.js';
import { CliError } from '../../cli/errors.js';
import { loopRoots } from '../../cli/artifacts.js';
import { readCursorFile } from '../cursor-file.js';
import { explainFoldError } from '../fold-errors.js';
import { quarantine } from '../quarantine.js';
import type { FetchRequest, LoopFetch } from '../transport/fetch-types.js';
import { gatherStreamSnapshot, type StreamAt } from './snapshot.js';

const POLL_PROJECTION = 'reconcile-poll';

const why = (err: unknown): string =>
  err instanceof CliError
    ? [err.errorLine, ...err.details].join('\n')
    : err instanceof Error
      ? err.message
      : String(err);

interface PollFrom {
  readonly from: Cursor;
  /** The saved fingerprint resumed from (its sequence is kept when the poll stops early); null: none. */
  readonly kept: SourceFingerprint | null;
}

/** Where the poll starts: the first message, the saved sequence, or a file cursor's position. */
const startOf = async (source: Source<RawEvent>, r: FetchRequest): Promise<PollFrom> => {
  const saved = r.fromStart ? null : await readCursorFile(r.cursorFile, loopRoots(r.paths));
  if (saved === null) {
    await source.resume(null);
    return { from: cursorStart, kept: null };
  }
  const from = { byteOffset: saved.byteOffset ?? 0, lines: saved.lines };
  if (saved.fingerprint !== null && saved.byteOffset !== null) {
    const resumed = await source.resume({ ...from, fingerprint: saved.fingerprint });
    if (resumed.kind === 'truncated')
      throw new CliError(`events stream truncated under cursor: ${source.name}`, [
        resumed.detail,
        `reset ${r.cursorFile} or use --from-start`,
      ]);
    if (resumed.kind === 'resumed') return { from, kept: saved.fingerprint };
  }
  if (saved.byteOffset === null && saved.lines > 0)
    throw new CliError(`cursor without a byte offset: ${r.cursorFile}`, [
      'a stream is read by the lines’ file positions; reset the cursor or use --from-start',
    ]);
  await source.resume(null);
  return { from, kept: null };
};

/** Notes whether the read reached the stream's end (the sequence consumed is then the resume point). */
async function* watching<T>(batches: AsyncIterable<JsonlBatch<T>>, seen: { end: boolean }) {
  for await (const b of batches) {
    if (b.end !== null) seen.end = true;
    yield b;
  }
}

const pollStream = async <S>(s: StreamAt, r: FetchRequest, totalLines: number, fold: EnvelopeFold<S>) => {
  const p = r.paths;
  const source = jetStreamSource(s.conn, s.at, {
    projection: POLL_PROJECTION,
    decode: decodeLoopEventLine,
    skipCorrupt: r.skipCorrupt,
  });
  const start = await startOf(source, r);
  const ctx = {
    repoPath: p.repo,
    loopId: p.loopId,
    emittedAt: r.asOf,
    traceId: r.traceId,
    lineCount: totalLines,
  };
  const seen = { end: false };
  const batches = watching(source.batches(start.from), seen);
  const run = { ctx, file: source.name, max: r.maxEvents };
  const taken = await foldEnvelopes(batches, start.from, run, fold).catch(explainFoldError);
  if (taken.kind === 'unusable') throw new CliError(taken.message, [...taken.details]);
  const { cursor, lastLine, corrupt } = taken.progress;
  const marked = (await source.mark(cursor, lastLine)).fingerprint;
  // Stopped early, the consumer has read past the last line taken: resume from where this poll did.
  const fingerprint = seen.end ? marked : { ...marked, size: start.kept?.size ?? 0 };
  await quarantine(p.opsfoldDir, p.events, corrupt, r.asOf);
  const cursorDoc = cursorDocument({
    repoPath: p.repo,
    loopId: p.loopId,
    eventsPath: displayPath(p.repo, p.events),
    cursor,
    lineCount: totalLines,
    updatedAt: r.asOf,
    fingerprint,
  });
  return { folded: taken.folded, cursorDoc, cursorOffsetBefore: start.from.lines };
};

/** The loop's snapshot and the events after its cursor, from the stream; a failure is a value. */
export const fetchStream = async <S>(
  s: StreamAt,
  r: FetchRequest,
  fold: EnvelopeFold<S>,
): Promise<E.Either<TransportFailure, LoopFetch<S>>> => {
  const gatherOptions = {
    asOf: r.asOf,
    fromStart: r.fromStart,
    skipCorrupt: r.skipCorrupt,
    runId: null,
    traceId: r.traceId,
  };
  const g = await gatherStreamSnapshot(r.paths, s, gatherOptions).catch((err: unknown) => why(err));
  if (typeof g === 'string') return unreachable('snapshot_unavailable', g);
  try {
    const polled = await pollStream(s, r, g.fold.cursor.lines, fold);
    const snapshot = g.snapshot as unknown as Record<string, unknown>;
    return E.right({ snapshot, ...polled, notes: g.notes, commit: g.commit });
  } catch (err) {
    return unreachable('events_unavailable', why(err));
  }
};
