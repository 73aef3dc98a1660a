// What reconcile asks of a transport: the loop's snapshot and the events after its cursor. Local reads
// the files (snapshot folded from its checkpoint, events from the byte cursor); sprite_service asks
// GET /ops/snapshot and GET /ops/events. A failure is a value, never a throw: `transport_unreachable`
// (nothing usable came back; failure codes snapshot_unavailable, events_unavailable,
// service_request_failed) or `invalid_transport_payload` (an answer came but does not hold what it
// must; failure code service_response_invalid), the reference's failure codes for health.
import * as E from 'fp-ts/lib/Either.js';
import { parseJson } from '../../../lib/core/codec.js';
import { fingerprintAt } from '../../../lib/io/checkpoints.js';
import { displayPath } from '../../../lib/loop/artifact-ref.js';
import { checkEventsPayload, checkSnapshotPayload } from '../../../lib/loop/service-payload.js';
import { CliError } from '../../cli/errors.js';
import { cursorDocument, readCursorFile } from '../cursor-file.js';
import { gatherSnapshot } from '../gather.js';
import { pollStart } from '../poll-start.js';
import { quarantine } from '../quarantine.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import type { Sleep } from '../../cli/run-clock.js';
import { callService, type ServiceEndpoint } from './http-client.js';
import { pollEnvelopes } from './poll-envelopes.js';

export type Transport =
  | { readonly mode: 'local' }
  | { readonly mode: 'sprite_service'; readonly endpoint: ServiceEndpoint; readonly sleep: Sleep };

export interface FetchRequest {
  readonly paths: LoopPaths;
  /** The reconcile cursor file (read here; writing it is the caller's, after its outputs). */
  readonly cursorFile: string;
  readonly fromStart: boolean;
  /** 0 = every available event. */
  readonly maxEvents: number;
  readonly traceId: string | null;
  readonly asOf: string;
  readonly skipCorrupt: boolean;
}

export type TransportFailureCode =
  'snapshot_unavailable' | 'events_unavailable' | 'service_request_failed' | 'service_response_invalid';

export interface TransportFailure {
  readonly reason: 'transport_unreachable' | 'invalid_transport_payload';
  readonly failureCode: TransportFailureCode;
  /** Up to 40 lines saying why (the reference's `failureMessage`). */
  readonly message: string;
  /** Last HTTP status (service only); null when no answer came. */
  readonly httpStatus: number | null;
}

export interface LoopFetch {
  /** The `loop_run_snapshot` envelope. */
  readonly snapshot: Readonly<Record<string, unknown>>;
  /** The `loop_run_event` envelopes after the cursor, in log order. */
  readonly events: readonly Readonly<Record<string, unknown>>[];
  /** The line cursor the poll started from (the reference's `cursorOffsetBefore`). */
  readonly cursorOffsetBefore: number;
  /** The cursor document to write atomically once the caller's outputs are written. */
  readonly cursorDoc: Readonly<Record<string, unknown>>;
  readonly notes: readonly string[];
  /** Saves the local fold checkpoints; call after the outputs are written (no-op for the service). */
  commit(): Promise<void>;
}

const unreachable = (failureCode: TransportFailureCode, message: string, httpStatus: number | null = null) =>
  E.left<TransportFailure>({ reason: 'transport_unreachable', failureCode, message, httpStatus });
const invalid = (message: string) =>
  E.left<TransportFailure>({
    reason: 'invalid_transport_payload',
    failureCode: 'service_response_invalid',
    message,
    httpStatus: null,
  });

const why = (err: unknown): string =>
  err instanceof CliError
    ? [err.errorLine, ...err.details].join('\n')
    : err instanceof Error
      ? err.message
      : String(err);

const fetchLocal = async (r: FetchRequest): Promise<E.Either<TransportFailure, LoopFetch>> => {
  const p = r.paths;
  const g = await gatherSnapshot(p, {
    asOf: r.asOf,
    fromStart: r.fromStart,
    skipCorrupt: r.skipCorrupt,
    runId: null,
    traceId: r.traceId,
  }).catch((err: unknown) => why(err));
  if (typeof g === 'string') return unreachable('snapshot_unavailable', g);
  try {
    const start = await pollStart(p.events, r.cursorFile, r.fromStart);
    const opts = { maxEvents: r.maxEvents, traceId: r.traceId, asOf: r.asOf, skipCorrupt: r.skipCorrupt };
    const polled = await pollEnvelopes(p, start, opts);
    await quarantine(p.opsfoldDir, p.events, polled.corrupt, r.asOf);
    const fingerprint = await fingerprintAt(p.events, polled.cursor, polled.lastLine);
    const cursorDoc = cursorDocument({
      repoPath: p.repo,
      loopId: p.loopId,
      eventsPath: displayPath(p.repo, p.events),
      cursor: polled.cursor,
      lineCount: polled.totalLines,
      updatedAt: r.asOf,
      fingerprint,
    });
    const events = polled.events as unknown as Record<string, unknown>[];
    const base = {
      snapshot: g.snapshot as unknown as Record<string, unknown>,
      events,
      cursorDoc,
      notes: g.notes,
    };
    return E.right({ ...base, cursorOffsetBefore: start.start.lines, commit: g.commit });
  } catch (err) {
    return unreachable('events_unavailable', why(err));
  }
};

const getJson = async (
  t: Extract<Transport, { mode: 'sprite_service' }>,
  path: string,
  traceId: string | null,
) => {
  const got = await callService(t.endpoint, { method: 'GET', path, traceId }, t.sleep);
  if (E.isLeft(got)) return unreachable('service_request_failed', got.left.message, got.left.status);
  const parsed = parseJson(got.right.body);
  return E.isLeft(parsed)
    ? invalid(`service ${path.split('?')[0]} answer is not JSON: ${parsed.left}`)
    : E.right(parsed.right);
};

const startLine = async (r: FetchRequest): Promise<number> => {
  if (r.fromStart) return 0;
  const saved = await readCursorFile(r.cursorFile).catch(() => null);
  return saved?.lines ?? 0;
};

const fetchService = async (
  t: Extract<Transport, { mode: 'sprite_service' }>,
  r: FetchRequest,
): Promise<E.Either<TransportFailure, LoopFetch>> => {
  const loop = encodeURIComponent(r.paths.loopId);
  const snap = await getJson(t, `/ops/snapshot?loopId=${loop}`, r.traceId);
  if (E.isLeft(snap)) return snap;
  const snapshot = checkSnapshotPayload(snap.right);
  if (E.isLeft(snapshot)) return invalid(snapshot.left);
  const from = await startLine(r);
  const ev = await getJson(
    t,
    `/ops/events?loopId=${loop}&cursor=${from}&maxEvents=${r.maxEvents}`,
    r.traceId,
  );
  if (E.isLeft(ev)) return ev;
  const events = checkEventsPayload(ev.right);
  if (E.isLeft(events)) return invalid(events.left);
  const cursorDoc = {
    schemaVersion: 'v1',
    repoPath: r.paths.repo,
    loopId: r.paths.loopId,
    eventsFile: `.superloop/loops/${r.paths.loopId}/events.jsonl`,
    eventLineOffset: events.right.eventLineOffset,
    eventLineCount: events.right.eventLineCount,
    updatedAt: r.asOf,
  };
  const list = events.right.events as Record<string, unknown>[];
  const base = { snapshot: snapshot.right, events: list, cursorOffsetBefore: from, cursorDoc, notes: [] };
  return E.right({ ...base, commit: async () => undefined });
};

/**
 * Fetches the loop's snapshot and the events after the cursor over `transport`. Never throws for a
 * transport problem: Left says which (see TransportFailure); reconcile turns it into health.
 */
export const fetchLoop = (
  transport: Transport,
  r: FetchRequest,
): Promise<E.Either<TransportFailure, LoopFetch>> =>
  transport.mode === 'local' ? fetchLocal(r) : fetchService(transport, r);
