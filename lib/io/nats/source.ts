// A loop's events shipped to JetStream, read as a Source: records come out with the positions and
// cursors they had in the file (carried in headers), so a fold from the stream equals the fold from the
// file. The stream sequence of the last consumed message is the resume point; it is saved in the
// cursor's fingerprint (`size`), and the fingerprint's head names the stream and subject, so a
// checkpoint of another source is answered `rotated`.
import * as E from 'fp-ts/lib/Either.js';
import type { JsMsg } from '@nats-io/jetstream';
import { cursorStart, type Cursor } from '../../core/position.js';
import { parseJson } from '../../core/codec.js';
import { CorruptLineError } from '../jsonl-errors.js';
import type { JsonlBatch, JsonlItem } from '../jsonl.js';
import type { Resumed, Source, SourceCursor } from '../source.js';
import type { JetStreamConn } from './connect.js';
import { positionConsumer } from './consumer.js';
import { lineText, shippedLineOf } from './message.js';
import { durableOf, EVENTS_STREAM, subjectIdentityOf, subjectOf, type LoopAddress } from './names.js';
import { batchesOf, type Reading } from './source-read.js';

export interface JetStreamSourceOptions<T> {
  /** The projection reading (one durable consumer per projection and loop). */
  readonly projection: string;
  readonly decode?: (value: unknown) => E.Either<string, T>;
  readonly skipCorrupt?: boolean;
  /** Messages per fetch (default 256). */
  readonly fetchSize?: number;
}

const lastSeqOf = async (conn: JetStreamConn): Promise<number> => {
  const info = await conn.jsm.streams.info(EVENTS_STREAM).catch((err: unknown) => {
    if (err instanceof Error && err.name === 'StreamNotFoundError') return null;
    throw err;
  });
  return info?.state.last_seq ?? 0;
};

/** Pure: one message as the file reader would have handed out its line (null: not from ship). */
export const itemOf = <T>(
  msg: Pick<JsMsg, 'headers' | 'data' | 'seq'>,
  name: string,
  options: Pick<JetStreamSourceOptions<T>, 'decode' | 'skipCorrupt'>,
): JsonlItem<T> | null => {
  const line = shippedLineOf(msg.headers);
  if (line === null) return null;
  const { position, next } = line;
  const parsed = line.corrupt === null ? parseJson(lineText(msg.data, position)) : E.left(line.corrupt);
  const decode = options.decode ?? ((v: unknown) => E.right(v as T));
  const decoded = E.isRight(parsed)
    ? decode(parsed.right)
    : E.left(line.corrupt ?? `invalid JSON: ${parsed.left}`);
  if (E.isRight(decoded)) return { kind: 'record', value: decoded.right, position, next };
  if (options.skipCorrupt !== true)
    throw new CorruptLineError(name, position.line, position.byteOffset, decoded.left);
  return { kind: 'corrupt', position, raw: lineText(msg.data, position), reason: decoded.left, next };
};

/** The events of the loop at `at` in the stream, as a Source for one projection. */
export const jetStreamSource = <T>(
  conn: JetStreamConn,
  at: LoopAddress,
  options: JetStreamSourceOptions<T>,
): Source<T> => {
  const subject = subjectOf(at);
  const identity = subjectIdentityOf(subject);
  const reading: Reading = { startSeq: 1, lastSeq: 0 };
  return {
    name: `${conn.url}/${subject}`,
    async resume(saved: SourceCursor | null): Promise<Resumed> {
      if (saved === null) {
        Object.assign(reading, { startSeq: 1, lastSeq: 0 });
        return { kind: 'start', from: cursorStart };
      }
      if (saved.fingerprint.headSha256 !== identity)
        return { kind: 'rotated', detail: `the checkpoint is not for ${subject} in ${EVENTS_STREAM}` };
      const seq = saved.fingerprint.size;
      const last = await lastSeqOf(conn);
      if (last < seq)
        return {
          kind: 'truncated',
          detail: `${EVENTS_STREAM} ends at sequence ${last}, the checkpoint is at ${seq}`,
        };
      Object.assign(reading, { startSeq: seq + 1, lastSeq: seq });
      const at = saved.fingerprint.lastLineByteOffset;
      const from: Cursor = { byteOffset: saved.byteOffset, lines: saved.lines };
      return {
        kind: 'resumed',
        from,
        lastLine: at === null ? null : { byteOffset: at, end: saved.byteOffset },
      };
    },
    batches(from: Cursor): AsyncIterable<JsonlBatch<T>> {
      const name = `${conn.url}/${subject}`;
      const open = () => positionConsumer(conn, durableOf(options.projection, at), subject, reading.startSeq);
      return batchesOf(open, from, reading, {
        item: (m) => itemOf<T>(m, name, options),
        fetchSize: options.fetchSize ?? 256,
        name,
      });
    },
    async mark(cursor: Cursor, lastLine): Promise<SourceCursor> {
      return {
        ...cursor,
        fingerprint: {
          size: reading.lastSeq,
          inode: 0,
          headSha256: identity,
          lastLineByteOffset: lastLine?.byteOffset ?? null,
          lastLineSha256: null,
        },
      };
    },
  };
};
