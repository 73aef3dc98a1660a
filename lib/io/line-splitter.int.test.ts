// The splitter against real file bytes read in chunks of every small size: lines, positions, the
// carried remainder and the consumed bytes must not depend on where the chunks happen to break.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineSplitter, type RawLine } from './line-splitter.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

interface Split {
  lines: RawLine[];
  consumed: Buffer;
  remainder: Buffer;
  cursor: { byteOffset: number; lines: number };
}

const splitFile = async (
  file: string,
  highWaterMark: number,
  from = { byteOffset: 0, lines: 0 },
): Promise<Split> => {
  const splitter = new LineSplitter(from);
  const lines: RawLine[] = [];
  const consumed: Buffer[] = [];
  for await (const chunk of fs.createReadStream(file, { start: from.byteOffset, highWaterMark })) {
    lines.push(...splitter.push(chunk as Buffer));
    consumed.push(Buffer.from(splitter.consumed));
  }
  return { lines, consumed: Buffer.concat(consumed), remainder: splitter.remainder, cursor: splitter.cursor };
};

const fileWith = (bytes: Buffer | string): string => {
  const file = join(tempDir(), 'log.jsonl');
  fs.writeFileSync(file, bytes);
  return file;
};

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('when lines end with LF', () => {
  it('gives each line its 1-based number, start offset and end past the newline', async () => {
    const { lines, cursor, remainder } = await splitFile(fileWith('a\nbb\n\nccc\n'), 1 << 16);
    expect(lines).toEqual([
      { text: 'a', line: 1, byteOffset: 0, end: 2 },
      { text: 'bb', line: 2, byteOffset: 2, end: 5 },
      { text: '', line: 3, byteOffset: 5, end: 6 },
      { text: 'ccc', line: 4, byteOffset: 6, end: 10 },
    ]);
    expect(cursor).toEqual({ byteOffset: 10, lines: 4 });
    expect(remainder.length).toBe(0);
  });
});

describe('when lines end with CRLF', () => {
  it('strips the trailing \\r from the text but counts it in the offsets', async () => {
    const { lines, cursor } = await splitFile(fileWith('a\r\nbb\r\n\r\n'), 1 << 16);
    expect(lines.map((l) => [l.text, l.byteOffset, l.end])).toEqual([
      ['a', 0, 3],
      ['bb', 3, 7],
      ['', 7, 9],
    ]);
    expect(cursor).toEqual({ byteOffset: 9, lines: 3 });
  });

  it('strips only one \\r, and only at the end', async () => {
    const { lines } = await splitFile(fileWith('a\rb\r\r\n'), 1 << 16);
    expect(lines.map((l) => l.text)).toEqual(['a\rb\r']);
  });
});

describe('when the file starts with a UTF-8 BOM', () => {
  it('drops the BOM from line 1 while line 1 still starts at byte 0', async () => {
    const { lines } = await splitFile(fileWith(Buffer.concat([BOM, Buffer.from('x\ny\n')])), 1 << 16);
    expect(lines.map((l) => [l.text, l.byteOffset])).toEqual([
      ['x', 0],
      ['y', 5],
    ]);
  });
});

describe('when a BOM-like sequence appears after line 1', () => {
  it('is data, kept in the text', async () => {
    const bytes = Buffer.concat([Buffer.from('x\n'), BOM, Buffer.from('y\n')]);
    const { lines } = await splitFile(fileWith(bytes), 1 << 16);
    expect(lines.map((l) => l.text)).toEqual(['x', '\uFEFFy']);
  });

  it('is data even when a resumed read starts on it', async () => {
    const bytes = Buffer.concat([Buffer.from('x\n'), BOM, Buffer.from('y\n')]);
    const { lines } = await splitFile(fileWith(bytes), 1 << 16, { byteOffset: 2, lines: 1 });
    expect(lines).toEqual([{ text: '\uFEFFy', line: 2, byteOffset: 2, end: 7 }]);
  });
});

describe('when lines hold multi-byte UTF-8', () => {
  it('counts offsets in bytes, not characters', async () => {
    const text = 'é\n日本\n🙂x\n';
    const { lines } = await splitFile(fileWith(text), 1 << 16);
    expect(lines.map((l) => [l.text, l.byteOffset, l.end])).toEqual([
      ['é', 0, 3],
      ['日本', 3, 10],
      ['🙂x', 10, 16],
    ]);
  });
});

describe('when chunks break anywhere (inside a BOM, a character, a CRLF)', () => {
  const bytes = Buffer.concat([
    BOM,
    Buffer.from('{"a":"é"}\r\n\n日本語\r\n  \n🙂\nlast'),
    BOM,
    Buffer.from('\nrest'),
  ]);

  it.each([1, 2, 3, 4, 5, 6, 7])('gives with %i-byte chunks what one big chunk gives', async (hwm) => {
    const file = fileWith(bytes);
    const whole = await splitFile(file, 1 << 20);
    const tiny = await splitFile(file, hwm);
    expect(tiny.lines).toEqual(whole.lines);
    expect(tiny.cursor).toEqual(whole.cursor);
    expect(tiny.remainder.equals(whole.remainder)).toBe(true);
  });

  it('gives the same lines for every split of the bytes into two pushes', () => {
    const one = new LineSplitter({ byteOffset: 0, lines: 0 });
    const expected = one.push(bytes);
    for (let k = 0; k <= bytes.length; k += 1) {
      const s = new LineSplitter({ byteOffset: 0, lines: 0 });
      const got = [...s.push(bytes.subarray(0, k)), ...s.push(bytes.subarray(k))];
      expect(got, `split at ${k}`).toEqual(expected);
      expect(s.cursor).toEqual(one.cursor);
    }
  });
});

describe('when the last line has no newline', () => {
  it('is kept as the remainder and the cursor stays before it', async () => {
    const { lines, cursor, remainder } = await splitFile(fileWith('a\nb\npartial'), 3);
    expect(lines.map((l) => l.text)).toEqual(['a', 'b']);
    expect(cursor).toEqual({ byteOffset: 4, lines: 2 });
    expect(remainder.toString()).toBe('partial');
  });
});

describe('when the consumed bytes of every push are concatenated', () => {
  it.each([1, 2, 5, 1 << 16])('equal the file through its last newline (%i-byte chunks)', async (hwm) => {
    const bytes = Buffer.from('αβ\r\n\n{"x":1}\nnot yet');
    const { consumed, cursor } = await splitFile(fileWith(bytes), hwm);
    expect(cursor.byteOffset).toBe(bytes.lastIndexOf(0x0a) + 1);
    expect(consumed.equals(bytes.subarray(0, cursor.byteOffset))).toBe(true);
  });
});

describe('LineSplitter on a multi-megabyte line', () => {
  // 24 MiB in 16 KiB chunks: rejoining and rescanning the carry on every chunk (the old cost) copies
  // about 18 GiB; joining once when the newline arrives copies the line twice.
  it('splits it in linear time, with the same line, positions and consumed bytes', () => {
    const size = 24 * 1024 * 1024;
    const chunkSize = 16 * 1024;
    const bytes = Buffer.alloc(size + 2, 0x78);
    bytes[size] = 0x0a;
    bytes[size + 1] = 0x7b;
    const splitter = new LineSplitter({ byteOffset: 0, lines: 0 });
    const lines: RawLine[] = [];
    let consumed = 0;
    const started = performance.now();
    for (let at = 0; at < bytes.length; at += chunkSize) {
      lines.push(...splitter.push(bytes.subarray(at, at + chunkSize)));
      consumed += splitter.consumed.length;
    }
    const elapsed = performance.now() - started;
    expect(lines.map((l) => [l.line, l.byteOffset, l.end, l.text.length])).toEqual([[1, 0, size + 1, size]]);
    expect(consumed).toBe(size + 1);
    expect(splitter.remainder.toString()).toBe('{');
    expect(splitter.cursor).toEqual({ byteOffset: size + 1, lines: 1 });
    expect(elapsed).toBeLessThan(2000);
  });
});
