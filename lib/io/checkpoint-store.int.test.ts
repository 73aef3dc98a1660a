// CheckpointStore implementations: files under the state dir (confined) and memory; both resume only
// the owner's checkpoint.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../core/position.js';
import { ConfinementError } from './confine.js';
import { fileCheckpointStore, memoryCheckpointStore, type CheckpointStore } from './checkpoint-store.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

const cp: Checkpoint<{ n: number }> = {
  projection: 'count',
  version: 1,
  source: { size: 8, inode: 1, headSha256: 'x', lastLineByteOffset: 0, lastLineSha256: 'y' },
  cursor: { byteOffset: 8, lines: 1 },
  state: { n: 1 },
};

const stores: [string, () => CheckpointStore][] = [
  ['file', () => fileCheckpointStore(tempDir())],
  ['memory', () => memoryCheckpointStore()],
];

describe.each(stores)('%s CheckpointStore', (_name, make) => {
  it('loads what it saved, for the same projection and version only', async () => {
    const store = make();
    expect(await store.load('events.count.json', { name: 'count', version: 1 })).toEqual({
      checkpoint: null,
      note: null,
    });
    await store.save('events.count.json', cp);
    const loaded = await store.load('events.count.json', { name: 'count', version: 1 });
    expect(loaded.checkpoint).toMatchObject({ cursor: cp.cursor, state: cp.state });
    const other = await store.load('events.count.json', { name: 'count', version: 2 });
    expect(other.checkpoint).toBeNull();
    expect(other.note).toMatch(/is for count@1/);
  });
});

describe('fileCheckpointStore', () => {
  it('refuses a key that resolves outside its directory', async () => {
    const dir = tempDir();
    const outside = tempDir();
    fs.symlinkSync(outside, join(dir, 'out'));
    const store = fileCheckpointStore(dir);
    await expect(store.save('out/cp.json', cp)).rejects.toBeInstanceOf(ConfinementError);
    expect((await store.load('../cp.json', { name: 'count', version: 1 })).note).toMatch(/refused/);
  });
});
