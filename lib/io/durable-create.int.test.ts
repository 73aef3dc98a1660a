// A log or directory that a write creates must survive a crash: its directory entry is only durable
// once the parent directory is fsynced. These tests record the directory fsyncs through the seam.
import fs from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendJsonl } from './append.js';
import { writeFileAtomic } from './atomic.js';
import { nodeSeam, type WriteSeam } from './fs-seam.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

/** Records every directory opened for an fsync while the test runs (the only reason to open one). */
const recording = (): { seam: WriteSeam; synced: string[] } => {
  const synced: string[] = [];
  const open = fs.promises.open.bind(fs.promises);
  vi.spyOn(fs.promises, 'open').mockImplementation(async (path, flags, mode) => {
    if (flags === 'r' && fs.statSync(path).isDirectory()) synced.push(String(path));
    return open(path, flags, mode);
  });
  return { seam: nodeSeam, synced };
};
afterEach(() => vi.restoreAllMocks());

describe('when an append creates the log and its directories', () => {
  it('fsyncs the parent of each directory it created and the directory of the new log', async () => {
    const root = tempDir();
    const file = join(root, 'a', 'b', 'log.jsonl');
    const { seam, synced } = recording();
    await appendJsonl(file, [{ n: 1 }], { seam });
    expect(synced).toEqual(expect.arrayContaining([root, join(root, 'a'), join(root, 'a', 'b')]));
  });

  it('does not fsync the directory again when the log already exists', async () => {
    const file = join(tempDir(), 'log.jsonl');
    fs.writeFileSync(file, '');
    const { seam, synced } = recording();
    await appendJsonl(file, [{ n: 1 }], { seam });
    expect(synced).toEqual([]);
  });
});

describe('when an atomic write creates its directories', () => {
  it('fsyncs the parent of each directory it created', async () => {
    const root = tempDir();
    const file = join(root, 'x', 'y', 'state.json');
    const { seam, synced } = recording();
    await writeFileAtomic(file, '{}\n', seam);
    expect(synced).toEqual(expect.arrayContaining([root, join(root, 'x'), dirname(file)]));
  });
});
