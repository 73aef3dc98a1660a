// The effect executor: crash-safe order (appends, writes, then cursors and checkpoints) and, with a
// failing seam injected, a failure that leaves the cursor and checkpoint unadvanced.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../core/position.js';
import { memoryCheckpointStore } from './checkpoint-store.js';
import { applyEffects, orderEffects, type Effect } from './effects.js';
import { fileStore, type Store } from './store.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

const cp = { projection: 'p', version: 1, cursor: { byteOffset: 8, lines: 1 } } as Checkpoint<unknown>;

const effects: Effect[] = [
  { kind: 'checkpoint', key: 'events.p.json', checkpoint: cp },
  { kind: 'cursor', path: 'cursor.json', value: { lines: 1 } },
  { kind: 'write', path: 'summary.json', value: { ok: true } },
  { kind: 'append', path: 'escalations.jsonl', records: [{ id: 1 }] },
];

/** A Store whose writes to `failing` fail with EIO. */
const failingWrites = (store: Store, failing: string): Store => ({
  ...store,
  write: async (path, value, options) => {
    if (path === failing) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
    return store.write(path, value, options);
  },
});

describe('applyEffects', () => {
  it('orders appends, then writes, then cursors and checkpoints', () => {
    expect(orderEffects(effects).map((e) => e.kind)).toEqual(['append', 'write', 'checkpoint', 'cursor']);
  });

  it('applies every effect to real files', async () => {
    const root = tempDir();
    const checkpoints = memoryCheckpointStore();
    expect(await applyEffects({ store: fileStore(root), checkpoints }, effects)).toBe(4);
    expect(fs.readFileSync(join(root, 'escalations.jsonl'), 'utf8')).toBe('{"id":1}\n');
    expect(fs.readFileSync(join(root, 'cursor.json'), 'utf8')).toBe('{"lines":1}\n');
    expect(checkpoints.saved.get('events.p.json')).toBe(cp);
  });

  it('leaves cursor and checkpoint unadvanced when a write fails', async () => {
    const root = tempDir();
    const checkpoints = memoryCheckpointStore();
    const store = failingWrites(fileStore(root), 'summary.json');
    await expect(applyEffects({ store, checkpoints }, effects)).rejects.toThrow(/EIO/);
    expect(fs.existsSync(join(root, 'escalations.jsonl'))).toBe(true);
    expect(fs.existsSync(join(root, 'cursor.json'))).toBe(false);
    expect(checkpoints.saved.size).toBe(0);
  });
});
