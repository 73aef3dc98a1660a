// Corruption is never silent (lib/io/jsonl.ts iterateJsonlBatches, ARCHITECTURE "JSONL reading rules").
//
// Law: overwrite any byte range of a newline-terminated record line with bytes that make it invalid
// JSON (and not a blank line). Then, whatever the chunk size of the read:
//   - without skipCorrupt, the reader delivers exactly the records before that line, its last batch's
//     cursor stops just before the line, and it throws a CorruptLineError naming that line's 1-based
//     number and the byte offset of its first byte;
//   - with skipCorrupt, it delivers every other record (value and position) and, for each damaged line,
//     exactly one `corrupt` item with that line's position, text and next cursor: nothing is dropped.
// The same holds for a line that is valid JSON but not a LoopEventLine (a wrong-typed field).
// An unterminated damaged last line is not corruption but a torn tail: held back, never an error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iterateJsonlBatches, type JsonlBatch, type JsonlItem } from '../lib/io/jsonl.js';
import { CorruptLineError } from '../lib/io/jsonl-errors.js';
import { decodeLoopEventLine } from '../lib/loop/event-guard.js';
import type { RawEvent } from '../lib/loop/event-fields.js';
import { logBytesArb, type LogBytes, type RecordLine, TYPED_EVENT_KEYS } from './arbitraries.js';

const seed = Number(process.env.FC_SEED ?? 424242);

let dir = '';
let n = 0;
const writeTemp = (bytes: Buffer): string => {
  n += 1;
  const file = join(dir, `events-${n}.jsonl`);
  writeFileSync(file, bytes);
  return file;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsfold-corruption-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Chunk sizes: the default, tiny (lines and UTF-8 sequences split across chunks) and middling. */
const highWaterMarkArb = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 1, max: 16 }),
  fc.integer({ min: 17, max: 512 }),
);

/** Bytes to write over a range: random bytes, JS-but-not-JSON whitespace, or JSON-looking text. No `\n`. */
const replacementArb: fc.Arbitrary<Buffer> = fc
  .oneof(
    fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b)),
    fc
      .array(fc.constantFrom('\u000b', '\f', '\u00a0', '\ufeff', '\u2028', '\u3000', '\u0000', ' ', '\t'), {
        minLength: 1,
        maxLength: 6,
      })
      .map((cs) => Buffer.from(cs.join(''), 'utf8')),
    fc
      .constantFrom('}', '{', '"', ',', ':', '[', ']', '\\', 'null', '{"a":', '""')
      .map((s) => Buffer.from(s, 'utf8')),
  )
  .map((b) => Buffer.from(b.map((x) => (x === 0x0a ? 0x0b : x))));

interface Damage {
  /** Record index to damage, and the range inside its content (picks, reduced modulo the content). */
  readonly pickA: number;
  readonly pickB: number;
  readonly bytes: Buffer;
  /** Overwrite the whole content instead of a range. */
  readonly whole: boolean;
}

const damageArb: fc.Arbitrary<Damage> = fc.record({
  pickA: fc.nat(),
  pickB: fc.nat(),
  bytes: replacementArb,
  whole: fc.boolean(),
});

/** The text the reader sees for a line's bytes: BOM stripped on line 1, one trailing `\r` stripped. */
const lineText = (line: Buffer, first: boolean): string => {
  let b = line;
  if (first && b.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) b = b.subarray(3);
  if (b.at(-1) === 0x0d) b = b.subarray(0, -1);
  return b.toString('utf8');
};

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Pure: the log with `rec`'s content range overwritten so the line is invalid JSON and not blank. */
const corrupt = (bytes: Buffer, rec: RecordLine, d: Damage): Buffer => {
  const len = rec.contentEnd - rec.contentStart;
  const a = d.whole ? 0 : d.pickA % (len + 1);
  const b = d.whole ? len : a + (d.pickB % (len - a + 1));
  const build = (rep: Buffer) =>
    Buffer.concat([bytes.subarray(0, rec.contentStart + a), rep, bytes.subarray(rec.contentStart + b)]);
  let out = build(d.bytes);
  const lineEnd = rec.end - (b - a) + d.bytes.length;
  const text = lineText(out.subarray(rec.byteOffset, lineEnd - 1), rec.line === 1);
  // A control byte is invalid anywhere in JSON text (inside strings too) and is not blank.
  if (parses(text) || /^[ \t\r]*$/.test(text)) out = build(Buffer.concat([Buffer.from([0x01]), d.bytes]));
  return out;
};

interface Read {
  readonly items: JsonlItem<RawEvent>[];
  readonly batches: JsonlBatch<RawEvent>[];
  readonly error: unknown;
}

const readAll = async (
  file: string,
  skipCorrupt: boolean,
  highWaterMark: number | undefined,
): Promise<Read> => {
  const items: JsonlItem<RawEvent>[] = [];
  const batches: JsonlBatch<RawEvent>[] = [];
  try {
    for await (const batch of iterateJsonlBatches<RawEvent>(file, {
      decode: decodeLoopEventLine,
      skipCorrupt,
      highWaterMark,
    })) {
      batches.push(batch);
      items.push(...batch.items);
    }
    return { items, batches, error: null };
  } catch (error) {
    return { items, batches, error };
  }
};

const asRecord = (r: RecordLine) => ({
  kind: 'record',
  value: r.value,
  position: { line: r.line, byteOffset: r.byteOffset },
  next: { byteOffset: r.end, lines: r.line },
});

/** Where each record of `log` ends up once `damaged` of them (by index) grew or shrank by `delta[i]` bytes. */
const shifted = (log: LogBytes, deltas: ReadonlyMap<number, number>) => {
  let shift = 0;
  return log.records.map((r) => {
    const start = r.byteOffset + shift;
    shift += deltas.get(r.index) ?? 0;
    return { ...r, byteOffset: start, end: r.end + shift };
  });
};

describe('a damaged line in the middle of a log', () => {
  it('fails closed at exactly that line and byte, after delivering every earlier record', async () => {
    await fc.assert(
      fc.asyncProperty(
        logBytesArb({ minLength: 2, maxLength: 14 }),
        fc.nat(),
        damageArb,
        highWaterMarkArb,
        async (log, pick, damage, hwm) => {
          const target = log.records[pick % (log.records.length - 1)]!;
          const bytes = corrupt(log.bytes, target, damage);
          const file = writeTemp(bytes);
          const read = await readAll(file, false, hwm);
          expect(read.error).toBeInstanceOf(CorruptLineError);
          const err = read.error as CorruptLineError;
          expect({ file: err.file, line: err.line, byteOffset: err.byteOffset }).toEqual({
            file,
            line: target.line,
            byteOffset: target.byteOffset,
          });
          expect(err.reason).toMatch(/^invalid (JSON|UTF-8)/);
          expect(read.items).toEqual(log.records.filter((r) => r.index < target.index).map(asRecord));
          expect(read.batches.at(-1)?.cursor).toEqual({
            byteOffset: target.byteOffset,
            lines: target.line - 1,
          });
        },
      ),
      { seed, numRuns: 100 },
    );
  });

  it('with skipCorrupt, hands out each damaged line once at its position and every other record', async () => {
    await fc.assert(
      fc.asyncProperty(
        logBytesArb({ minLength: 1, maxLength: 14 }),
        fc.uniqueArray(fc.nat({ max: 13 }), { minLength: 1, maxLength: 4 }),
        fc.array(damageArb, { minLength: 4, maxLength: 4 }),
        highWaterMarkArb,
        async (log, picks, damages, hwm) => {
          const targets = [...new Set(picks.map((p) => p % log.records.length))].sort((a, b) => b - a);
          let bytes = log.bytes;
          const deltas = new Map<number, number>();
          // Damage from the end backwards so earlier offsets stay valid while building the bytes.
          targets.forEach((t, i) => {
            const before = bytes.length;
            bytes = corrupt(bytes, log.records[t]!, damages[i]!);
            deltas.set(t, bytes.length - before);
          });
          const file = writeTemp(bytes);
          const read = await readAll(file, true, hwm);
          expect(read.error).toBeNull();
          const expected = shifted(log, deltas).map((r) => {
            if (!deltas.has(r.index)) return asRecord(r);
            return {
              kind: 'corrupt',
              position: { line: r.line, byteOffset: r.byteOffset },
              raw: lineText(bytes.subarray(r.byteOffset, r.end - 1), r.line === 1),
              reason: expect.stringMatching(/^invalid (JSON|UTF-8)/),
              next: { byteOffset: r.end, lines: r.line },
            };
          });
          expect(read.items).toEqual(expected);
          const end = read.batches.at(-1)?.end;
          expect(end?.cursor).toEqual({ byteOffset: bytes.length, lines: log.lines.length });
          expect(end?.tornTail).toBeNull();
        },
      ),
      { seed, numRuns: 120 },
    );
  });
});

/** A field set to a value of the wrong type: valid JSON, but not a LoopEventLine. */
const wrongFieldArb = fc.tuple(
  fc.constantFrom(...TYPED_EVENT_KEYS),
  fc.constantFrom<unknown>(true, false, {}, [], 42, ['x'], { a: 1 }),
);

describe('a valid JSON line that is not a Superloop event', () => {
  it('is corruption at its own line and byte, naming the bad field', async () => {
    await fc.assert(
      fc.asyncProperty(
        logBytesArb({ minLength: 2, maxLength: 12 }),
        fc.nat(),
        wrongFieldArb,
        highWaterMarkArb,
        async (log, pick, [key, value], hwm) => {
          // Numbers are fine for `iteration`; put a value there that its union refuses.
          const bad = key === 'iteration' && typeof value === 'number' ? true : value;
          const target = log.records[pick % (log.records.length - 1)]!;
          const json = Buffer.from(JSON.stringify({ ...target.value, [key]: bad }), 'utf8');
          const bytes = Buffer.concat([
            log.bytes.subarray(0, target.contentStart),
            json,
            log.bytes.subarray(target.contentEnd),
          ]);
          const read = await readAll(writeTemp(bytes), false, hwm);
          expect(read.error).toBeInstanceOf(CorruptLineError);
          const err = read.error as CorruptLineError;
          expect([err.line, err.byteOffset]).toEqual([target.line, target.byteOffset]);
          expect(err.reason).toContain(`.${key}`); // the exact JSON path is a codec law (codecs.prop.test.ts)
          expect(read.items).toEqual(log.records.filter((r) => r.index < target.index).map(asRecord));

          const skipped = await readAll(writeTemp(bytes), true, hwm);
          expect(skipped.items.filter((i) => i.kind === 'corrupt').map((i) => i.position)).toEqual([
            { line: target.line, byteOffset: target.byteOffset },
          ]);
          expect(skipped.items.filter((i) => i.kind === 'record')).toHaveLength(log.records.length - 1);
        },
      ),
      { seed, numRuns: 100 },
    );
  });
});

describe('a damaged last line without its newline', () => {
  it('is a torn tail: not an error, not consumed, the cursor stays before it', async () => {
    await fc.assert(
      fc.asyncProperty(
        logBytesArb({ minLength: 1, maxLength: 10 }),
        damageArb,
        fc.nat(),
        highWaterMarkArb,
        async (log, damage, cutPick, hwm) => {
          const last = log.records.at(-1)!;
          const damaged = corrupt(log.bytes, last, damage);
          const lastEnd = last.end + damaged.length - log.bytes.length;
          // Keep the damaged line unterminated: cut anywhere after its first byte and before its `\n`.
          const cut = last.byteOffset + 1 + (cutPick % (lastEnd - 1 - last.byteOffset));
          const read = await readAll(writeTemp(damaged.subarray(0, cut)), false, hwm);
          expect(read.error).toBeNull();
          expect(read.items).toEqual(log.records.slice(0, -1).map(asRecord));
          const end = read.batches.at(-1)?.end;
          expect(end?.cursor).toEqual({ byteOffset: last.byteOffset, lines: last.line - 1 });
          expect(end?.tornTail).toEqual({ byteOffset: last.byteOffset, bytes: cut - last.byteOffset });
        },
      ),
      { seed, numRuns: 100 },
    );
  });
});
