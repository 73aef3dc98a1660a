// Shipping a loop's events.jsonl to JetStream, exactly once: each complete line (torn tails held back
// by the file reader) is published with a message id made of the subject, the file's head and the
// line's byte offset, and the ship cursor is saved only after every publish before it is
// acknowledged. A crash in between resends the same ids; the stream's duplicate window drops them.
import type { Cursor } from '../../core/position.js';
import { StepError } from '../../core/step-error.js';
import { readRange } from '../byte-range.js';
import type { CheckpointStore } from '../checkpoint-store.js';
import type { JsonlItem, JsonlEnd } from '../jsonl.js';
import { fileSource, type SourceCursor } from '../source.js';
import { ensureEventsStream, type JetStreamConn } from './connect.js';
import { headersOf, headIdOf, messageId } from './message.js';
import { subjectOf, type LoopAddress } from './names.js';
import { publishAll } from './publish.js';

const SHIP = { name: 'ship', version: 1 } as const;

/** The events log changed under the ship cursor; nothing was published. */
export class ShipSourceError extends StepError {}

export interface ShipOptions {
  readonly file: string;
  readonly at: LoopAddress;
  /** Where the ship cursor is kept (a file store under the state dir). */
  readonly cursors: CheckpointStore;
  /** Replicas of the stream when ship creates it. */
  readonly replicas?: number;
  /** Called after a batch is acknowledged and before its cursor is saved (tests crash here). */
  readonly beforeSave?: (published: number) => Promise<void>;
}

export interface ShipResult {
  readonly subject: string;
  readonly from: Cursor;
  readonly cursor: Cursor;
  readonly published: number;
  /** Lines the stream already had (a resend after a crash). */
  readonly duplicates: number;
  readonly tornTail: JsonlEnd['tornTail'];
}

const cursorKey = (at: LoopAddress): string => `ship/${at.fleet}.${at.loop}.json`;

const headIdOfFile = async (file: string): Promise<string> => {
  const head = await readRange(file, 0, 1 << 16);
  const nl = head.indexOf(0x0a);
  return headIdOf(nl === -1 ? head : head.subarray(0, nl + 1));
};

const startOf = async (o: ShipOptions): Promise<{ from: Cursor; saved: SourceCursor | null }> => {
  const loaded = await o.cursors.load<unknown>(cursorKey(o.at), SHIP);
  const cp = loaded.checkpoint;
  const saved = cp === null ? null : { ...cp.cursor, fingerprint: cp.source };
  const resumed = await fileSource(o.file).resume(saved);
  if (resumed.kind === 'truncated' || resumed.kind === 'rotated')
    throw new ShipSourceError(`${o.file}: ${resumed.kind} under the ship cursor`, [
      resumed.detail,
      `nothing was published; a new log needs its own loop id, or remove ${cursorKey(o.at)} to ship it again`,
    ]);
  return { from: resumed.from, saved };
};

/** The bytes of each item: records from the file, corrupt lines as the reader saw them. */
const payloads = async (file: string, items: readonly JsonlItem<unknown>[]): Promise<Uint8Array[]> => {
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return [];
  const start = first.position.byteOffset;
  const bytes = await readRange(file, start, last.next.byteOffset);
  return items.map((i) => {
    if (i.kind === 'corrupt') return Buffer.from(i.raw);
    const line = bytes.subarray(i.position.byteOffset - start, i.next.byteOffset - start);
    return line[line.length - 1] === 0x0a ? line.subarray(0, -1) : line;
  });
};

/** Publishes every complete line after the ship cursor; saves the cursor after each acknowledged batch. */
export const shipEvents = async (conn: JetStreamConn, o: ShipOptions): Promise<ShipResult> => {
  const subject = subjectOf(o.at);
  const { from } = await startOf(o);
  await ensureEventsStream(conn, o.replicas);
  const source = fileSource(o.file, { skipCorrupt: true });
  const headId = await headIdOfFile(o.file);
  let cursor = from;
  let published = 0;
  let duplicates = 0;
  let tornTail: JsonlEnd['tornTail'] = null;
  for await (const batch of source.batches(from)) {
    tornTail = batch.end?.tornTail ?? tornTail;
    const last = batch.items[batch.items.length - 1];
    if (last === undefined) continue;
    const data = await payloads(o.file, batch.items);
    const acks = await publishAll(
      conn,
      batch.items.map((item, i) => ({
        subject,
        data: data[i] ?? new Uint8Array(),
        msgID: messageId(subject, headId, item.position.byteOffset),
        headers: headersOf(
          {
            position: item.position,
            next: item.next,
            corrupt: item.kind === 'corrupt' ? item.reason : null,
          },
          conn.headers(),
        ),
      })),
    );
    published += acks.length;
    duplicates += acks.filter((a) => a.duplicate).length;
    if (o.beforeSave !== undefined) await o.beforeSave(published);
    cursor = last.next;
    const mark = await source.mark(cursor, { byteOffset: last.position.byteOffset, end: cursor.byteOffset });
    await o.cursors.save(cursorKey(o.at), {
      projection: SHIP.name,
      version: SHIP.version,
      source: mark.fingerprint,
      cursor,
      state: { subject, headId },
    });
  }
  return { subject, from, cursor, published, duplicates, tornTail };
};
