// The range digest over a file whose lines cross the reader's chunk boundaries (and one line longer
// than a chunk): it hashes exactly the bytes through the last newline before `until`, and a digest
// resumed from any earlier range's state equals the digest of the whole prefix.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sha256Hasher } from '../core/sha256.js';
import { digestRangeInline } from './digest-range.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();
const seed = Number(process.env.FC_SEED ?? 20261207);

/** ~1.5 MB of lines of many lengths, one of 700 KB, and a torn tail. */
const writeLog = (file: string): Buffer => {
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) lines.push(`{"n":${i},"pad":"${'x'.repeat((i * 7919) % 400)}"}\n`);
  lines.splice(1500, 0, `{"long":"${'y'.repeat(700_000)}"}\n`);
  const bytes = Buffer.from(`${lines.join('')}{"torn":`);
  fs.writeFileSync(file, bytes);
  return bytes;
};

const hexOf = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const lastLineEnd = (bytes: Buffer, until: number): number => bytes.subarray(0, until).lastIndexOf(0x0a) + 1;

describe('digestRangeInline', () => {
  it('hashes through the last newline before `until`, resumed from any earlier cut', () => {
    const file = join(tempDir(), 'events.jsonl');
    const bytes = writeLog(file);
    return fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bytes.length }),
        fc.integer({ min: 0, max: bytes.length }),
        async (a, b) => {
          const [cut, until] = a <= b ? [a, b] : [b, a];
          const first = await digestRangeInline(file, 0, cut, null);
          expect(first.end).toBe(lastLineEnd(bytes, cut));
          const rest = await digestRangeInline(file, first.end, until, first.state);
          const end = Math.max(first.end, lastLineEnd(bytes, until));
          expect(rest.end).toBe(end);
          expect(Sha256Hasher.from(rest.state).digest()).toBe(hexOf(bytes.subarray(0, end)));
        },
      ),
      { seed, numRuns: 25 },
    );
  });
});
