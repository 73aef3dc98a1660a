// foldOwnedLog over a real file and a file CheckpointStore: a log opsfold owns is never refused; a
// checkpoint that no longer matches it is dropped and the log refolded, saying why.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Projection } from '../core/projection.js';
import { fileCheckpointStore } from './checkpoint-store.js';
import { applyEffects } from './effects.js';
import { foldOwnedLog } from './fold-log.js';
import { fileStore } from './store.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

const count: Projection<number, unknown> = { name: 'count', version: 1, initial: 0, evolve: (s) => s + 1 };

const setup = () => {
  const root = tempDir();
  const checkpoints = fileCheckpointStore(join(root, '.opsfold'));
  return {
    root,
    log: join(root, 'owned.jsonl'),
    checkpoints,
    opts: { checkpoints, key: 'owned.count.json' },
  };
};

describe('folding a log opsfold owns', () => {
  it('given no file, then it is missing (the initial state is the caller’s) and nothing is saved', async () => {
    const { log, opts, root } = setup();
    expect(await foldOwnedLog(log, count, opts)).toEqual({ kind: 'missing' });
    expect(fs.existsSync(join(root, '.opsfold'))).toBe(false);
  });

  it('given its checkpoint applied, when lines are appended, then the fold resumes from it', async () => {
    const { root, log, checkpoints, opts } = setup();
    fs.writeFileSync(log, '{}\n{}\n');
    const first = await foldOwnedLog(log, count, opts);
    if (first.kind !== 'folded') throw new Error(first.kind);
    await applyEffects({ store: fileStore(root), checkpoints }, [first.fold.checkpoint]);
    fs.appendFileSync(log, '{}\n');
    const second = await foldOwnedLog(log, count, opts);
    expect(second).toMatchObject({ kind: 'folded', refolded: null, fold: { state: 3 } });
    expect(second.kind === 'folded' && second.fold.resumedFrom).toMatchObject({ lines: 2 });
  });

  it('given the log rewritten under its checkpoint, then it is refolded from the start and says why', async () => {
    const { root, log, checkpoints, opts } = setup();
    fs.writeFileSync(log, '{"a":1}\n{"a":2}\n');
    const first = await foldOwnedLog(log, count, opts);
    if (first.kind !== 'folded') throw new Error(first.kind);
    await applyEffects({ store: fileStore(root), checkpoints }, [first.fold.checkpoint]);
    fs.writeFileSync(log, '{"b":1}\n{"b":2}\n{"b":3}\n');
    const again = await foldOwnedLog(log, count, opts);
    expect(again).toMatchObject({ kind: 'folded', refolded: { kind: 'rotated' }, fold: { state: 3 } });
  });
});
