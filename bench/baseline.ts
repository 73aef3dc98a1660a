// The raw baseline every opsfold number is compared with: the least a JSONL consumer must do (stream the
// file in 1 MiB chunks, split on `\n` with Buffer.indexOf, JSON.parse every line). No validation, no fold,
// no positions, no checkpoint, so the ratio (b)/(a) is exactly what opsfold's guarantees cost.
import { createReadStream } from 'node:fs';

export interface BaselineResult {
  readonly events: number;
  readonly bytes: number;
  /** A value derived from every parsed record, so the engine cannot skip the parsing. */
  readonly check: number;
}

interface Tally {
  events: number;
  check: number;
}

/** Parses the complete lines of `buf` into `t`; returns where the unterminated rest starts. */
const parseLines = (buf: Buffer, t: Tally): number => {
  let start = 0;
  for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a, start)) {
    if (nl > start) {
      const value = JSON.parse(buf.toString('utf8', start, nl)) as { iteration?: unknown };
      t.events += 1;
      if (typeof value.iteration === 'number') t.check += value.iteration;
    }
    start = nl + 1;
  }
  return start;
};

/** Parses every complete line of `file`; a trailing line without `\n` is left alone, as opsfold does. */
export const baseline = async (file: string): Promise<BaselineResult> => {
  let carry: Buffer = Buffer.alloc(0);
  let bytes = 0;
  const t: Tally = { events: 0, check: 0 };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const piece = chunk as Buffer;
    bytes += piece.length;
    const buf = carry.length > 0 ? Buffer.concat([carry, piece]) : piece;
    const start = parseLines(buf, t);
    carry = start < buf.length ? Buffer.from(buf.subarray(start)) : Buffer.alloc(0);
  }
  return { events: t.events, bytes, check: t.check };
};
