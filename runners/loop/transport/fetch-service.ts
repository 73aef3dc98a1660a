// Fetching over the sprite service: GET /ops/snapshot, then GET /ops/events from the saved line
// cursor. A failure is a value: service_request_failed, or service_response_invalid for an answer
// that is not JSON or does not hold what it must.
import * as E from 'fp-ts/lib/Either.js';
import { parseJson } from '../../../lib/core/codec.js';
import { checkEventsPayload, checkSnapshotPayload } from '../../../lib/loop/service-payload.js';
import {
  eventsRequestPath,
  invalidPayload,
  notJsonMessage,
  serviceCursorDocument,
  snapshotRequestPath,
  unreachable,
  type TransportFailure,
} from '../../../lib/loop/transport-fetch.js';
import { readCursorFile } from '../cursor-file.js';
import type { FetchRequest, LoopFetch, ServiceTransport } from './fetch-types.js';
import { callService } from './http-client.js';

const getJson = async (t: ServiceTransport, path: string, traceId: string | null) => {
  const got = await callService(t.endpoint, { method: 'GET', path, traceId }, t.sleep);
  if (E.isLeft(got)) return unreachable('service_request_failed', got.left.message, got.left.status);
  const parsed = parseJson(got.right.body);
  return E.isLeft(parsed) ? invalidPayload(notJsonMessage(path, parsed.left)) : E.right(parsed.right);
};

const startLine = async (r: FetchRequest): Promise<number> => {
  if (r.fromStart) return 0;
  const saved = await readCursorFile(r.cursorFile).catch(() => null);
  return saved?.lines ?? 0;
};

export const fetchService = async (
  t: ServiceTransport,
  r: FetchRequest,
): Promise<E.Either<TransportFailure, LoopFetch>> => {
  const loopId = r.paths.loopId;
  const snap = await getJson(t, snapshotRequestPath(loopId), r.traceId);
  if (E.isLeft(snap)) return snap;
  const snapshot = checkSnapshotPayload(snap.right);
  if (E.isLeft(snapshot)) return invalidPayload(snapshot.left);
  const from = await startLine(r);
  const ev = await getJson(t, eventsRequestPath(loopId, from, r.maxEvents), r.traceId);
  if (E.isLeft(ev)) return ev;
  const events = checkEventsPayload(ev.right);
  if (E.isLeft(events)) return invalidPayload(events.left);
  const { eventLineOffset, eventLineCount } = events.right;
  const cursorDoc = serviceCursorDocument({
    repoPath: r.paths.repo,
    loopId,
    eventLineOffset,
    eventLineCount,
    updatedAt: r.asOf,
  });
  const list = events.right.events as Record<string, unknown>[];
  const base = { snapshot: snapshot.right, events: list, cursorOffsetBefore: from, cursorDoc, notes: [] };
  return E.right({ ...base, commit: async () => undefined });
};
