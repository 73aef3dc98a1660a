// The document Store on real files: confinement (symlinks out, parent dirs out, FIFOs, devices), the
// encodings and depth guard, codec decoding, and file:line:byte problems in the file's own bytes.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { ConfinementError } from './confine.js';
import { describeProblem } from './document.js';
import { fileStore, readJson } from './store.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();
const Doc = t.type({ n: t.number });

const setup = () => {
  const root = tempDir();
  const outside = tempDir();
  return { root, outside, store: fileStore(root) };
};

describe('Store.read', () => {
  it('decodes a document with its codec', async () => {
    const { root, store } = setup();
    fs.writeFileSync(join(root, 'a.json'), '{"n": 1}');
    const got = await store.read('a.json', Doc);
    expect(got).toMatchObject({ kind: 'found', value: { n: 1 }, bytes: 8, encoding: 'utf-8' });
  });

  it('answers missing for an absent file, also under an absent directory', async () => {
    const { store } = setup();
    expect((await store.read('no.json', Doc)).kind).toBe('missing');
    expect((await store.read('x/y/no.json', Doc)).kind).toBe('missing');
  });

  it('refuses a symlink that resolves outside the root', async () => {
    const { root, outside, store } = setup();
    fs.writeFileSync(join(outside, 'secret.json'), '{"n": 2}');
    fs.symlinkSync(join(outside, 'secret.json'), join(root, 'link.json'));
    const got = await store.read('link.json', Doc);
    expect(got).toMatchObject({ kind: 'problem', problem: { kind: 'refused' } });
  });

  it('refuses a missing file under a symlinked directory outside the root, and a path with ..', async () => {
    const { root, outside, store } = setup();
    fs.symlinkSync(outside, join(root, 'out'));
    expect((await store.read('out/none.json', Doc)).kind).toBe('problem');
    expect((await store.read('../elsewhere.json', Doc)).kind).toBe('problem');
  });

  it('follows a symlink that stays inside the root', async () => {
    const { root, store } = setup();
    fs.writeFileSync(join(root, 'real.json'), '{"n": 3}');
    fs.symlinkSync(join(root, 'real.json'), join(root, 'alias.json'));
    expect(await store.read('alias.json', Doc)).toMatchObject({ kind: 'found', value: { n: 3 } });
  });

  it('refuses a FIFO without hanging, and reports a directory as EISDIR', async () => {
    const { root, store } = setup();
    execFileSync('mkfifo', [join(root, 'pipe.json')]);
    fs.mkdirSync(join(root, 'dir.json'));
    const fifo = await store.read('pipe.json', Doc);
    expect(fifo).toMatchObject({ kind: 'problem', problem: { kind: 'refused', reason: 'a FIFO' } });
    const dir = await store.read('dir.json', Doc);
    expect(dir).toMatchObject({ kind: 'problem', problem: { kind: 'unreadable', code: 'EISDIR' } });
  });

  it('names line and byte in the file bytes, BOM included', async () => {
    const { root, store } = setup();
    fs.writeFileSync(join(root, 'bad.json'), '\uFEFF{\n "n": 1,\n}');
    const got = await store.read('bad.json', Doc);
    if (got.kind !== 'problem') throw new Error('expected a problem');
    expect(got.problem).toMatchObject({ kind: 'unparsable', line: 3, byteOffset: 14 });
    expect(describeProblem('bad.json', got.problem)).toMatch(/^bad\.json:3:14: /);
  });

  it('reads UTF-16 LE when asked to detect, counting bytes in UTF-16', async () => {
    const { root, store } = setup();
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"n": 4}', 'utf16le')]);
    fs.writeFileSync(join(root, 'w.json'), body);
    expect(await store.read('w.json', Doc, { encoding: 'detect' })).toMatchObject({
      kind: 'found',
      value: { n: 4 },
      encoding: 'utf-16le',
    });
    fs.writeFileSync(join(root, 'x.json'), Buffer.concat([body.subarray(0, 4), Buffer.from('?', 'utf16le')]));
    const bad = await store.read('x.json', Doc, { encoding: 'detect' });
    expect(bad).toMatchObject({ kind: 'problem', problem: { kind: 'unparsable', byteOffset: 4 } });
  });

  it('refuses nesting past the depth guard, and a value of the wrong shape', async () => {
    const { root, store } = setup();
    fs.writeFileSync(join(root, 'deep.json'), '['.repeat(600) + ']'.repeat(600));
    fs.writeFileSync(join(root, 'shape.json'), '{"n": "one"}');
    const deep = await readJson(store, 'deep.json');
    expect(deep).toMatchObject({ kind: 'problem', problem: { kind: 'unparsable', byteOffset: 512 } });
    const shape = await store.read('shape.json', Doc);
    if (shape.kind !== 'problem') throw new Error('expected a problem');
    expect(describeProblem('shape.json', shape.problem)).toBe('shape.json: $.n: expected number, got "one"');
  });
});

describe('Store.write and Store.append', () => {
  it('writes stable JSON atomically and appends lines, creating directories', async () => {
    const { root, store } = setup();
    await store.write('out/state.json', { b: 1, a: 2 });
    await store.append('logs/e.jsonl', [{ x: 1 }, { x: 2 }]);
    expect(fs.readFileSync(join(root, 'out/state.json'), 'utf8')).toBe('{\n  "a": 2,\n  "b": 1\n}\n');
    expect(fs.readFileSync(join(root, 'logs/e.jsonl'), 'utf8')).toBe('{"x":1}\n{"x":2}\n');
  });

  it('takes a root that does not exist yet (a state dir on the first run) and creates it', async () => {
    const root = join(tempDir(), 'state', 'loop');
    const store = fileStore(root);
    expect((await store.read('cursor.json', Doc)).kind).toBe('missing');
    await store.write('cursor.json', { n: 1 });
    expect(await store.read('cursor.json', Doc)).toMatchObject({ kind: 'found', value: { n: 1 } });
  });

  it('refuses to append to a log symlinked outside the root, leaving the target untouched', async () => {
    const { root, outside, store } = setup();
    fs.writeFileSync(join(outside, 'escalations.jsonl'), '');
    fs.symlinkSync(join(outside, 'escalations.jsonl'), join(root, 'escalations.jsonl'));
    await expect(store.append('escalations.jsonl', [{ x: 1 }])).rejects.toBeInstanceOf(ConfinementError);
    await expect(store.write('escalations.jsonl', { x: 1 })).rejects.toBeInstanceOf(ConfinementError);
    expect(fs.readFileSync(join(outside, 'escalations.jsonl'), 'utf8')).toBe('');
  });
});
