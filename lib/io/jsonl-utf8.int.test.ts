// Invalid UTF-8 in a JSONL line: decoding would silently put U+FFFD in place of the bad bytes, so the
// line is corrupt (file:line:byte, the bad byte named), wherever the read chunks break.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorruptLineError } from './jsonl-errors.js';
import { drain, recordsOf, useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

const fileWith = (bytes: Buffer): string => {
  const file = join(tempDir(), 'log.jsonl');
  fs.writeFileSync(file, bytes);
  return file;
};

// Line 2 starts at byte 11; its first bad byte is at offset 6 in the line (byte 17).
const withBadByte = (bad: number[]): Buffer =>
  Buffer.concat([
    Buffer.from('{"n":"é"}\n'),
    Buffer.from('{"n":"'),
    Buffer.from(bad),
    Buffer.from('"}\n{"n":3}\n'),
  ]);

describe('when a line holds bytes that are not UTF-8', () => {
  for (const [what, bad] of [
    ['a lone continuation byte', [0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ] as const) {
    for (const highWaterMark of [3, 1 << 16]) {
      it(`fails closed at that line with file:line:byte for ${what} (chunks of ${highWaterMark})`, async () => {
        const file = fileWith(withBadByte([...bad]));
        const { items, error } = await drain(file, { highWaterMark });
        expect(recordsOf(items)).toEqual([[1, 0, { n: 'é' }]]);
        expect(error).toBeInstanceOf(CorruptLineError);
        const e = error as CorruptLineError;
        expect([e.line, e.byteOffset]).toEqual([2, 11]);
        expect(e.message).toBe(`${file}:2:11: invalid UTF-8 at byte 17 (offset 6 in the line)`);
      });
    }
  }

  it('hands it out as corrupt and reads on when asked to skip corrupt lines', async () => {
    const { items, error } = await drain(fileWith(withBadByte([0xff])), { skipCorrupt: true });
    expect(error).toBeNull();
    expect(items.map((i) => [i.kind, i.position.line])).toEqual([
      ['record', 1],
      ['corrupt', 2],
      ['record', 3],
    ]);
  });
});

describe('when every line is valid UTF-8', () => {
  it('reads multi-byte characters split across chunks unchanged', async () => {
    const text = '{"s":"€𝄞é"}\n'.repeat(50);
    const { items, error } = await drain(fileWith(Buffer.from(text)), { highWaterMark: 5 });
    expect(error).toBeNull();
    expect(items.every((i) => i.kind === 'record' && (i.value as { s: string }).s === '€𝄞é')).toBe(true);
    expect(items).toHaveLength(50);
  });
});
