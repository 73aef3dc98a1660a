// Marker metadata on real files, checked against independent sources: node:crypto for the digest,
// a count of `\n` bytes for lineCount (what `wc -l` prints), utimes for the mtime.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { absentMarker, statMarker } from './markers.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

describe('when the marker file exists', () => {
  it('reports exists, size, newline count, sha256 and mtime in epoch seconds', async () => {
    const file = join(tempDir(), 'done.marker');
    const bytes = Buffer.from('one\ntwo é\r\n\nlast without newline');
    fs.writeFileSync(file, bytes);
    fs.utimesSync(file, 1_700_000_000.75, 1_700_000_123.75);
    expect(await statMarker(file)).toEqual({
      exists: true,
      sizeBytes: bytes.length,
      lineCount: 3,
      sha256: sha256(bytes),
      mtimeEpoch: 1_700_000_123,
    });
  });

  it('reports an empty file as existing with zero lines and the digest of nothing', async () => {
    const file = join(tempDir(), 'empty');
    fs.writeFileSync(file, '');
    expect(await statMarker(file)).toMatchObject({
      exists: true,
      sizeBytes: 0,
      lineCount: 0,
      sha256: sha256(''),
    });
  });

  it('streams a file larger than one read chunk with the same answers', async () => {
    const file = join(tempDir(), 'big.log');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 'abc\n');
    fs.writeFileSync(file, bytes);
    const st = await statMarker(file);
    expect(st.sizeBytes).toBe(bytes.length);
    expect(st.sha256).toBe(sha256(bytes));
    expect(st.lineCount).toBe(bytes.toString('latin1').split('\n').length - 1);
  });
});

describe('when the marker file is missing', () => {
  it('is absent', async () => {
    expect(await statMarker(join(tempDir(), 'nope'))).toEqual(absentMarker);
    expect(absentMarker).toEqual({
      exists: false,
      sizeBytes: 0,
      lineCount: 0,
      sha256: null,
      mtimeEpoch: null,
    });
  });
});

describe('when the path is a directory', () => {
  it('is absent (a marker is a regular file)', async () => {
    expect(await statMarker(tempDir())).toEqual(absentMarker);
  });
});
