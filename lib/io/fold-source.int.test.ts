// foldSource over a real JSONL file and a file CheckpointStore: a resumed fold equals a full fold,
// reads only the appended bytes, and a changed source is an answer, not a throw.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Projection } from '../core/projection.js';
import { fileCheckpointStore } from './checkpoint-store.js';
import { applyEffects } from './effects.js';
import { foldSource } from './fold-source.js';
import { fileSource } from './source.js';
import { fileStore } from './store.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

const sum: Projection<{ total: number; lines: number[] }, { n: number }> = {
  name: 'sum',
  version: 1,
  initial: { total: 0, lines: [] },
  evolve: (s, e) => ({ total: s.total + e.value.n, lines: [...s.lines, e.position.line] }),
};

const setup = () => {
  const root = tempDir();
  const log = join(root, 'events.jsonl');
  const at = { checkpoints: fileCheckpointStore(join(root, '.opsfold')), key: 'events.sum.json' };
  return { root, log, at, store: fileStore(root) };
};

describe('foldSource', () => {
  it('resumes from the checkpoint applied last and reaches the same state as a full fold', async () => {
    const { root, log, at, store } = setup();
    fs.writeFileSync(log, '{"n":1}\n{"n":2}\n{"n":');
    const first = await foldSource(fileSource<{ n: number }>(log), sum, at);
    if (first.kind !== 'folded') throw new Error(first.kind);
    expect(first.state).toEqual({ total: 3, lines: [1, 2] });
    await applyEffects({ store, checkpoints: at.checkpoints }, [first.checkpoint]);
    fs.appendFileSync(log, '4}\n');
    const second = await foldSource(fileSource<{ n: number }>(log), sum, at);
    const full = await foldSource(fileSource<{ n: number }>(log), sum, at, { fromStart: true });
    expect(second).toMatchObject({ kind: 'folded', resumedFrom: { byteOffset: 16, lines: 2 } });
    if (second.kind !== 'folded' || full.kind !== 'folded') throw new Error('not folded');
    expect(second.state).toEqual(full.state);
    expect(fs.existsSync(join(root, '.opsfold', 'events.sum.json'))).toBe(true);
  });

  it('answers rotated when the log was replaced under its checkpoint', async () => {
    const { log, at, store } = setup();
    fs.writeFileSync(log, '{"n":1}\n');
    const first = await foldSource(fileSource<{ n: number }>(log), sum, at);
    if (first.kind !== 'folded') throw new Error(first.kind);
    await applyEffects({ store, checkpoints: at.checkpoints }, [first.checkpoint]);
    fs.writeFileSync(log, '{"n":9}\n{"n":9}\n');
    expect(await foldSource(fileSource<{ n: number }>(log), sum, at)).toMatchObject({ kind: 'rotated' });
  });
});
