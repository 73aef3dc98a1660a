// The JSON text of a `loop_run_event` envelope, byte for byte what JSON.stringify gives, written from
// a template: a poll prints a million of them, and most of each (schema, type, emittedAt, traceId,
// source and every key name) is the same for the whole poll, so that head is serialized once and
// only each event's own values are serialized per line. Pure (the head is cached per poll context).
import type { LoopRunEvent } from './codecs.js';

const S = JSON.stringify;

interface Head {
  readonly emittedAt: string;
  readonly traceId: string | null;
  readonly repoPath: string;
  readonly loopId: string;
  readonly text: string;
}

const headOf = (e: LoopRunEvent, traceId: string | null): Head => ({
  emittedAt: e.emittedAt,
  traceId,
  repoPath: e.source.repoPath,
  loopId: e.source.loopId,
  text:
    `{"schemaVersion":"v1","envelopeType":"loop_run_event","emittedAt":${S(e.emittedAt)},` +
    `"traceId":${S(traceId)},"source":{"repoPath":${S(e.source.repoPath)},"loopId":${S(e.source.loopId)}},` +
    `"sequence":{"source":"cursor_event_line_offset","value":`,
});

const sameHead = (h: Head | null, e: LoopRunEvent, traceId: string | null): h is Head =>
  h !== null &&
  h.emittedAt === e.emittedAt &&
  h.traceId === traceId &&
  h.repoPath === e.source.repoPath &&
  h.loopId === e.source.loopId;

/** The envelope's own shape as eventEnvelope builds it (anything else is serialized generically). */
const templated = (e: LoopRunEvent): boolean =>
  e.traceId !== undefined &&
  e.event.payload !== undefined &&
  e.sequence?.source === 'cursor_event_line_offset' &&
  Object.keys(e.source).length === 2 &&
  e.sequence.value === e.cursor.eventLineOffset &&
  Object.keys(e.cursor).length === 2;

/** A serializer for the envelopes eventEnvelope builds (their key order): `JSON.stringify(e)`, faster. */
export const envelopeSerializer = (): ((e: LoopRunEvent) => string) => {
  let head: Head | null = null;
  return (e) => {
    if (!templated(e)) return S(e);
    const traceId = e.traceId ?? null;
    if (!sameHead(head, e, traceId)) head = headOf(e, traceId);
    const v = e.event;
    return (
      `${head.text}${S(e.cursor.eventLineOffset)}},"cursor":{"eventLineOffset":${S(e.cursor.eventLineOffset)},` +
      `"eventLineCount":${S(e.cursor.eventLineCount)}},"run":{"runId":${S(e.run.runId)},"iteration":${S(e.run.iteration)}},` +
      `"event":{"timestamp":${S(v.timestamp)},"name":${S(v.name)},"role":${S(v.role)},"status":${S(v.status)},` +
      `"message":${S(v.message)},"payload":${S(v.payload)},"raw":${S(v.raw)}}}`
    );
  };
};
