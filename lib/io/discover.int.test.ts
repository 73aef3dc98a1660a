// Discovery on real trees: the order is by path whatever order the files were created in, and
// symbolic links (to directories or files) never pull anything from outside the tree into a fold.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from './discover.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

const touch = (path: string): void => {
  fs.mkdirSync(join(path, '..'), { recursive: true });
  fs.writeFileSync(path, '{}\n');
};

describe('when files are created in no particular order', () => {
  it('lists them absolute and sorted by path, dot files included', async () => {
    const root = tempDir();
    const rel = [
      'runs/b/events.jsonl',
      'runs/a/events.jsonl',
      'runs/.hidden/events.jsonl',
      'runs/a-b/events.jsonl',
      'top.jsonl',
    ];
    for (const r of [...rel].reverse()) touch(join(root, r));
    touch(join(root, 'runs/a/notes.txt'));
    const found = await discover('**/*.jsonl', root);
    expect(found).toEqual(
      [
        'runs/.hidden/events.jsonl',
        'runs/a-b/events.jsonl',
        'runs/a/events.jsonl',
        'runs/b/events.jsonl',
        'top.jsonl',
      ].map((r) => join(root, r)),
    );
  });

  it('gives the same list for a shuffled creation order', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `d${(i * 7) % 30}/f${(i * 11) % 30}.jsonl`);
    const one = tempDir();
    const two = tempDir();
    for (const n of names) touch(join(one, n));
    for (const n of [...names].reverse()) touch(join(two, n));
    const a = (await discover('**/*.jsonl', one)).map((p) => p.slice(one.length));
    const b = (await discover('**/*.jsonl', two)).map((p) => p.slice(two.length));
    expect(a).toEqual(b);
    expect(a).toEqual([...a].sort());
    expect(a).toHaveLength(30);
  });

  it('lists a file matched by several patterns once', async () => {
    const root = tempDir();
    touch(join(root, 'x/events.jsonl'));
    expect(await discover(['**/*.jsonl', 'x/*'], root)).toEqual([join(root, 'x/events.jsonl')]);
  });

  it('gives an empty list when nothing matches', async () => {
    expect(await discover('**/*.jsonl', tempDir())).toEqual([]);
  });
});

describe('when the tree holds symbolic links', () => {
  it('does not follow a linked directory', async () => {
    const outside = tempDir();
    touch(join(outside, 'secret/events.jsonl'));
    const root = tempDir();
    touch(join(root, 'runs/events.jsonl'));
    fs.symlinkSync(join(outside, 'secret'), join(root, 'runs', 'linked'), 'dir');
    expect(await discover('**/*.jsonl', root)).toEqual([join(root, 'runs/events.jsonl')]);
  });

  it('does not list a linked file', async () => {
    const outside = tempDir();
    touch(join(outside, 'other.jsonl'));
    const root = tempDir();
    fs.symlinkSync(join(outside, 'other.jsonl'), join(root, 'link.jsonl'));
    expect(await discover('**/*.jsonl', root)).toEqual([]);
  });

  it('terminates on a link loop', async () => {
    const root = tempDir();
    touch(join(root, 'a/events.jsonl'));
    fs.symlinkSync(root, join(root, 'a', 'loop'), 'dir');
    expect(await discover('**/*.jsonl', root)).toEqual([join(root, 'a/events.jsonl')]);
  });
});
