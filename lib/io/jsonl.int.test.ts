// The streaming JSONL reader against real files: the reading rules of ARCHITECTURE ("JSONL reading
// rules"), cursors that resume exactly, fail-closed corruption, and constant memory on a large log.
import fs from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom, toArray } from 'rxjs';
import { iterateJsonlBatches, type JsonlItem } from './jsonl.js';
import { readJsonl, readJsonlBatches } from './jsonl-rx.js';
import { CorruptLineError } from './jsonl-errors.js';
import { drain, recordsOf, useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

const fileWith = (bytes: Buffer | string): string => {
  const file = join(tempDir(), 'log.jsonl');
  fs.writeFileSync(file, bytes);
  return file;
};

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const corruptOf = <T>(items: readonly JsonlItem<T>[]) => items.filter((i) => i.kind === 'corrupt');

describe('when lines end with LF or CRLF', () => {
  it('reads the same records from both, with offsets of the bytes as written', async () => {
    const lf = await drain(fileWith('{"n":1}\n{"n":2}\n'));
    const crlf = await drain(fileWith('{"n":1}\r\n{"n":2}\r\n'));
    expect(recordsOf(lf.items)).toEqual([
      [1, 0, { n: 1 }],
      [2, 8, { n: 2 }],
    ]);
    expect(recordsOf(crlf.items)).toEqual([
      [1, 0, { n: 1 }],
      [2, 9, { n: 2 }],
    ]);
    expect(lf.end?.cursor).toEqual({ byteOffset: 16, lines: 2 });
    expect(crlf.end?.cursor).toEqual({ byteOffset: 18, lines: 2 });
  });

  it('gives each record the cursor just past its own line', async () => {
    const { items } = await drain(fileWith('{"n":1}\r\n\n{"n":2}\n'));
    expect(items.map((i) => i.next)).toEqual([
      { byteOffset: 9, lines: 1 },
      { byteOffset: 18, lines: 3 },
    ]);
  });
});

describe('when line 1 starts with a BOM', () => {
  it('ignores it; line 1 still starts at byte 0', async () => {
    const { items, error } = await drain(fileWith(Buffer.concat([BOM, Buffer.from('{"n":1}\n{"n":2}\n')])));
    expect(error).toBeNull();
    expect(recordsOf(items)).toEqual([
      [1, 0, { n: 1 }],
      [2, 11, { n: 2 }],
    ]);
  });
});

describe('when a BOM-like sequence appears on a later line', () => {
  const bytes = Buffer.concat([Buffer.from('{"n":1}\n'), BOM, Buffer.from('{"n":2}\n')]);

  it('is data: the line is corrupt, with its position', async () => {
    const { items, error } = await drain(fileWith(bytes));
    expect(recordsOf(items)).toEqual([[1, 0, { n: 1 }]]);
    expect(error).toBeInstanceOf(CorruptLineError);
    expect(error).toMatchObject({ line: 2, byteOffset: 8 });
  });

  it('is handed out raw when skipping corrupt lines', async () => {
    const { items } = await drain(fileWith(bytes), { skipCorrupt: true });
    expect(corruptOf(items)).toMatchObject([{ position: { line: 2, byteOffset: 8 }, raw: '\uFEFF{"n":2}' }]);
  });

  it('is data even when it is all the line holds (not a blank line)', async () => {
    const only = Buffer.concat([Buffer.from('{"n":1}\n'), BOM, Buffer.from('\n{"n":2}\n')]);
    const { items, end } = await drain(fileWith(only), { skipCorrupt: true });
    expect(corruptOf(items)).toMatchObject([{ position: { line: 2, byteOffset: 8 }, raw: '\uFEFF' }]);
    expect(end?.blankLines).toBe(0);
  });
});

describe('when the file has blank and whitespace-only lines', () => {
  it('skips them but counts them in line numbers and in end.blankLines', async () => {
    const { items, end } = await drain(fileWith('\n{"n":1}\n   \n\t\r\n\r\n{"n":2}\n\n'));
    expect(recordsOf(items)).toEqual([
      [2, 1, { n: 1 }],
      [6, 18, { n: 2 }],
    ]);
    expect(end).toMatchObject({ blankLines: 5, cursor: { byteOffset: 27, lines: 7 }, tornTail: null });
  });

  it('treats a line of non-JSON whitespace (no-break space) as corrupt, not blank', async () => {
    const { items, end } = await drain(fileWith('{"n":1}\n\u00a0\n'), { skipCorrupt: true });
    expect(corruptOf(items)).toMatchObject([{ position: { line: 2, byteOffset: 8 }, raw: '\u00a0' }]);
    expect(end?.blankLines).toBe(0);
  });
});

describe('when records hold multi-byte UTF-8', () => {
  it('gives exact byte offsets and decodes the text', async () => {
    const lines = ['{"s":"é"}', '{"s":"日本語"}', '{"s":"🙂"}', '{"s":"a"}'];
    const text = lines.join('\n') + '\n';
    const { items } = await drain(fileWith(text));
    let at = 0;
    const expected = lines.map((l, i) => {
      const row: [number, number, unknown] = [i + 1, at, JSON.parse(l)];
      at += Buffer.byteLength(l) + 1;
      return row;
    });
    expect(recordsOf(items)).toEqual(expected);
  });
});

describe('when chunks break anywhere', () => {
  const bytes = Buffer.concat([
    BOM,
    Buffer.from('{"s":"é日🙂"}\r\n\n  \n{"n":2}\n{bad\n{"n":3}\r\n'),
    BOM,
    Buffer.from('{"n":4}\n{"n":5}\n{"torn":'),
  ]);

  it.each([1, 2, 3, 4, 5, 6, 7])(
    'reads with %i-byte chunks exactly what one big chunk reads',
    async (hwm) => {
      const file = fileWith(bytes);
      const whole = await drain(file, { skipCorrupt: true });
      const tiny = await drain(file, { skipCorrupt: true, highWaterMark: hwm });
      expect(tiny.items).toEqual(whole.items);
      expect(tiny.end).toEqual(whole.end);
      expect(tiny.consumed.equals(whole.consumed)).toBe(true);
      expect(whole.items.map((i) => i.kind)).toEqual([
        'record',
        'record',
        'corrupt',
        'record',
        'corrupt',
        'record',
      ]);
      expect(whole.end?.tornTail).toEqual({ byteOffset: bytes.length - 8, bytes: 8 });
    },
  );

  it.each([1, 3, 7])('fails closed at the same line with %i-byte chunks', async (hwm) => {
    const file = fileWith(bytes);
    const whole = await drain(file);
    const tiny = await drain(file, { highWaterMark: hwm });
    expect(tiny.items).toEqual(whole.items);
    expect(tiny.error).toEqual(whole.error);
    expect(whole.error).toMatchObject({ line: 5 });
  });
});

describe('when the last line has no newline', () => {
  it.each([
    ['it parses', '{"n":3}'],
    ['it does not parse', '{"n":'],
  ])(
    'is a torn tail when %s: not emitted, reported in end.tornTail, cursor stays before it',
    async (_, tail) => {
      const { items, end, error } = await drain(fileWith(`{"n":1}\n{"n":2}\n${tail}`));
      expect(error).toBeNull();
      expect(recordsOf(items).map((r) => r[2])).toEqual([{ n: 1 }, { n: 2 }]);
      expect(end).toMatchObject({
        cursor: { byteOffset: 16, lines: 2 },
        tornTail: { byteOffset: 16, bytes: Buffer.byteLength(tail) },
        lastLine: { byteOffset: 8, end: 16 },
      });
    },
  );

  it('is a torn tail when the whole file is one unterminated line', async () => {
    const { items, end } = await drain(fileWith('{"n":1}'));
    expect(items).toEqual([]);
    expect(end).toEqual({
      cursor: { byteOffset: 0, lines: 0 },
      tornTail: { byteOffset: 0, bytes: 7 },
      blankLines: 0,
      lastLine: null,
    });
  });
});

describe('when a torn tail is completed later and the read resumes from the cursor', () => {
  it('emits the completed line exactly once, as a full read would', async () => {
    const file = fileWith('{"n":1}\n{"n":2}\n{"n"');
    const first = await drain(file);
    fs.appendFileSync(file, ':3}\n{"n":4}\n');
    const second = await drain(file, { from: first.end!.cursor });
    const full = await drain(file);
    expect([...recordsOf(first.items), ...recordsOf(second.items)]).toEqual(recordsOf(full.items));
    expect(recordsOf(second.items)).toEqual([
      [3, 16, { n: 3 }],
      [4, 24, { n: 4 }],
    ]);
    expect(second.end).toEqual(full.end);
  });
});

describe('when a line mid-file is corrupt', () => {
  const text = '{"n":1}\n{"n":2}\n{"n":\n{"n":4}\n';

  it('delivers the records before it, then fails with CorruptLineError naming file, line and byte', async () => {
    const file = fileWith(text);
    const { items, error } = await drain(file);
    expect(recordsOf(items).map((r) => r[2])).toEqual([{ n: 1 }, { n: 2 }]);
    expect(error).toBeInstanceOf(CorruptLineError);
    const err = error as CorruptLineError;
    expect({ file: err.file, line: err.line, byteOffset: err.byteOffset }).toEqual({
      file,
      line: 3,
      byteOffset: 16,
    });
    expect(err.reason).toMatch(/^invalid JSON: /);
    expect(err.message.startsWith(`${file}:3:16: invalid JSON`)).toBe(true);
  });

  it('leaves the last batch cursor before the corrupt line, matching the bytes onConsumed received', async () => {
    const file = fileWith(text);
    for (const hwm of [1, 5, 1 << 16]) {
      const { batches, consumed } = await drain(file, { highWaterMark: hwm });
      const last = batches[batches.length - 1]!;
      expect(last.cursor).toEqual({ byteOffset: 16, lines: 2 });
      expect(consumed.equals(Buffer.from(text).subarray(0, 16)), `hwm ${hwm}`).toBe(true);
    }
  });

  it('emits the records and then errors through readJsonl', async () => {
    const file = fileWith(text);
    const seen: unknown[] = [];
    const done = new Promise<unknown>((resolve) => {
      readJsonl(file).subscribe({
        next: (i) => seen.push(i.kind === 'record' ? i.value : i),
        error: resolve,
        complete: () => resolve(null),
      });
    });
    expect(await done).toBeInstanceOf(CorruptLineError);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  });
});

describe('when asked to skip corrupt lines', () => {
  it('hands each out as a corrupt item with position, raw text and reason, and reads on', async () => {
    const { items, end, error } = await drain(fileWith('{"n":1}\nnope\n{"n":3}\n'), { skipCorrupt: true });
    expect(error).toBeNull();
    expect(items.map((i) => i.kind)).toEqual(['record', 'corrupt', 'record']);
    expect(items[1]).toMatchObject({
      kind: 'corrupt',
      position: { line: 2, byteOffset: 8 },
      raw: 'nope',
      next: { byteOffset: 13, lines: 2 },
    });
    expect((items[1] as { reason: string }).reason).toMatch(/^invalid JSON: /);
    expect(end?.cursor).toEqual({ byteOffset: 21, lines: 3 });
  });
});

describe('when the decoder rejects a line', () => {
  const decode = (v: unknown) =>
    typeof (v as { n?: unknown }).n === 'number'
      ? E.right(v as { n: number })
      : E.left('$.n: expected number');

  it('is corrupt with the decoder reason when skipping', async () => {
    const { items } = await drain(fileWith('{"n":1}\n{"n":"two"}\n{"n":3}\n'), { decode, skipCorrupt: true });
    expect(items.map((i) => (i.kind === 'record' ? i.value : i.reason))).toEqual([
      { n: 1 },
      '$.n: expected number',
      { n: 3 },
    ]);
  });

  it('fails closed with the decoder reason otherwise', async () => {
    const { error } = await drain(fileWith('{"n":1}\n{"n":"two"}\n'), { decode });
    expect(error).toMatchObject({ line: 2, byteOffset: 8, reason: '$.n: expected number' });
  });
});

describe('when reading until a byte', () => {
  const text = '{"n":1}\n{"n":2}\n{"n":3}\n';

  it('stops at a line boundary with no torn tail', async () => {
    const { items, end } = await drain(fileWith(text), { until: 16 });
    expect(recordsOf(items).map((r) => r[2])).toEqual([{ n: 1 }, { n: 2 }]);
    expect(end).toMatchObject({ cursor: { byteOffset: 16, lines: 2 }, tornTail: null });
  });

  it('treats a line cut by `until` as a torn tail, even one that would parse', async () => {
    const { items, end } = await drain(fileWith('{"n":1}\n{"n":22}\n'), { until: 15 });
    expect(recordsOf(items).map((r) => r[2])).toEqual([{ n: 1 }]);
    expect(end).toMatchObject({ cursor: { byteOffset: 8, lines: 1 }, tornTail: { byteOffset: 8, bytes: 7 } });
  });

  it('reads nothing when `until` is at or before the cursor', async () => {
    const { items, end } = await drain(fileWith(text), { from: { byteOffset: 16, lines: 2 }, until: 16 });
    expect(items).toEqual([]);
    expect(end?.cursor).toEqual({ byteOffset: 16, lines: 2 });
  });

  it('reads no byte at or past `until` with tiny chunks either', async () => {
    const { items, consumed } = await drain(fileWith(text), { until: 17, highWaterMark: 2 });
    expect(items).toHaveLength(2);
    expect(consumed.toString()).toBe(text.slice(0, 16));
  });
});

describe('when resuming from a cursor', () => {
  it('reads only the rest, with the same positions a full read gives', async () => {
    const file = fileWith('{"n":1}\n\n{"n":2}\n{"n":3}\n');
    const full = await drain(file);
    const from = full.items[0]!.next;
    const rest = await drain(file, { from });
    expect(rest.items).toEqual(full.items.slice(1));
    expect(rest.end?.cursor).toEqual(full.end?.cursor);
    expect(rest.consumed.toString()).toBe('\n{"n":2}\n{"n":3}\n');
  });

  it('resumes from the end with nothing new and keeps the cursor', async () => {
    const file = fileWith('{"n":1}\n');
    const { items, end } = await drain(file, { from: { byteOffset: 8, lines: 1 } });
    expect(items).toEqual([]);
    expect(end).toEqual({
      cursor: { byteOffset: 8, lines: 1 },
      tornTail: null,
      blankLines: 0,
      lastLine: null,
    });
  });
});

describe('when onConsumed is given', () => {
  it.each([1, 4, 7, 1 << 20])(
    'receives exactly the bytes through the last newline (%i-byte chunks)',
    async (hwm) => {
      const bytes = Buffer.concat([BOM, Buffer.from('{"a":"é"}\r\n\n{"b":2}\n{"c":')]);
      const { consumed, end } = await drain(fileWith(bytes), { highWaterMark: hwm });
      expect(end?.cursor.byteOffset).toBe(bytes.length - 5);
      expect(consumed.equals(bytes.subarray(0, bytes.length - 5))).toBe(true);
    },
  );
});

describe('when read as Observables', () => {
  it('readJsonlBatches ends with a batch carrying `end`, readJsonl emits the items', async () => {
    const file = fileWith('{"n":1}\n{"n":2}\n');
    const batches = await lastValueFrom(readJsonlBatches(file).pipe(toArray()));
    expect(batches[batches.length - 1]!.end).toMatchObject({ cursor: { byteOffset: 16, lines: 2 } });
    const items = await lastValueFrom(readJsonl(file).pipe(toArray()));
    expect(items.map((i) => i.kind === 'record' && i.value)).toEqual([{ n: 1 }, { n: 2 }]);
  });
});

describe('when the file does not exist', () => {
  it('fails with ENOENT', async () => {
    const { error } = await drain(join(tempDir(), 'missing.jsonl'));
    expect(error).toMatchObject({ code: 'ENOENT' });
  });
});

// Behaviour check, not a timing test: memory must not grow with the file. Buffers live outside the
// V8 heap, so both heapUsed and arrayBuffers are watched; gc is forced before each sample so the
// numbers are what the reader keeps alive (parsed-and-dropped garbage is not a leak).
describe('when the file is 50 MB (memory behaviour check, not a timing test)', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };

  it('reads it streaming: live memory during and after the read stays far below the file size', async () => {
    const file = join(tempDir(), 'big.jsonl');
    const fd = fs.openSync(file, 'w');
    const line = (i: number) => `{"i":${i},"pad":"${'x'.repeat(80)}","s":"é日"}\n`;
    let size = 0;
    for (let i = 0; size < 50 * 1024 * 1024;) {
      const block: string[] = [];
      for (let j = 0; j < 10_000; j += 1, i += 1) block.push(line(i));
      size += fs.writeSync(fd, block.join(''));
    }
    fs.closeSync(fd);
    gc();
    const before = used();
    let peak = 0;
    let count = 0;
    for await (const batch of iterateJsonlBatches(file)) {
      count += batch.items.length;
      gc();
      peak = Math.max(peak, used() - before);
    }
    gc();
    const retained = used() - before;
    expect(count).toBeGreaterThan(400_000);
    expect(retained).toBeLessThan(40 * 1024 * 1024);
    expect(peak).toBeLessThan(40 * 1024 * 1024);
  });
});
