// One shipped line as a JetStream message: the line's bytes (without its `\n`) as the payload, and
// where it sat in the file as headers, so a consumer hands out the same positions and cursors as the
// file reader. A line the file reader found corrupt travels with the reason it gave.
import { createHash } from 'node:crypto';
import type { MsgHdrs } from '@nats-io/transport-node';
import type { Position, Cursor } from '../../core/position.js';

const LINE = 'Opsfold-Line';
const OFFSET = 'Opsfold-Offset';
const END = 'Opsfold-End';
const CORRUPT = 'Opsfold-Corrupt';

/** Where a shipped line was in its file, and, for a corrupt one, why. */
export interface ShippedLine {
  readonly position: Position;
  /** The cursor just past the line. */
  readonly next: Cursor;
  readonly corrupt: string | null;
}

/** Fills `h` (empty) with where one shipped line was; Nats-Msg-Id is set by the publisher from `messageId`. */
export const headersOf = (line: ShippedLine, h: MsgHdrs): MsgHdrs => {
  h.set(LINE, String(line.position.line));
  h.set(OFFSET, String(line.position.byteOffset));
  h.set(END, String(line.next.byteOffset));
  if (line.corrupt !== null) h.set(CORRUPT, line.corrupt.replace(/[\r\n]+/g, ' '));
  return h;
};

const int = (h: MsgHdrs | undefined, name: string): number | null => {
  const raw = h?.get(name) ?? '';
  return /^\d+$/.test(raw) ? Number(raw) : null;
};

/** Pure: the position a message carries, or null when it was not published by `opsfold ship`. */
export const shippedLineOf = (h: MsgHdrs | undefined): ShippedLine | null => {
  const line = int(h, LINE);
  const byteOffset = int(h, OFFSET);
  const end = int(h, END);
  if (line === null || byteOffset === null || end === null || line < 1 || end <= byteOffset) return null;
  const corrupt = h?.get(CORRUPT) ?? '';
  return {
    position: { line, byteOffset },
    next: { byteOffset: end, lines: line },
    corrupt: corrupt === '' ? null : corrupt,
  };
};

/** The identity of a shipped file: sha256 of its first line (terminator included), 16 hex digits. */
export const headIdOf = (firstLine: Uint8Array): string =>
  createHash('sha256').update(firstLine).digest('hex').slice(0, 16);

/**
 * Pure: the Nats-Msg-Id of the line at `byteOffset` of the file whose head is `headId`: the same line
 * resent after a crash has the same id, so the stream's duplicate window drops it.
 */
export const messageId = (subject: string, headId: string, byteOffset: number): string =>
  `${subject}:${headId}:${byteOffset}`;

const BOM = '\uFEFF';

/** Pure: the text the file reader would parse (a BOM on the first line and a trailing `\r` removed). */
export const lineText = (data: Uint8Array, position: Position): string => {
  let text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  if (position.byteOffset === 0 && text.startsWith(BOM)) text = text.slice(1);
  return text.endsWith('\r') ? text.slice(0, -1) : text;
};
