// Appending on real files: one intact JSON line per record, a torn tail sealed before the next record,
// nothing written for values JSON cannot represent, and no interleaving between concurrent processes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appendJsonl } from './append.js';
import { LockConflict, withLock } from './lock.js';
import { drain, recordsOf, useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();
const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '..', '..');

const linesOf = (file: string): string[] => fs.readFileSync(file, 'utf8').split('\n');

describe('when appending to a new file', () => {
  it('creates it (and its directory) with one JSON line per record, in order', async () => {
    const file = join(tempDir(), 'logs', 'events.jsonl');
    await appendJsonl(file, [{ a: 1 }, { text: 'line\nbreak é' }, [1, 2], 'plain', null]);
    const lines = linesOf(file);
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { a: 1 },
      { text: 'line\nbreak é' },
      [1, 2],
      'plain',
      null,
    ]);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('when appending to an existing log', () => {
  it('leaves the earlier bytes untouched and adds after them', async () => {
    const file = join(tempDir(), 'events.jsonl');
    fs.writeFileSync(file, '{"n":1}\r\n\n');
    await appendJsonl(file, [{ n: 2 }], { fsync: false });
    expect(fs.readFileSync(file, 'utf8')).toBe('{"n":1}\r\n\n{"n":2}\n');
  });
});

describe('when the file ends in a torn fragment', () => {
  it('seals it with a newline: the new record is intact and the fragment is its own corrupt line', async () => {
    const file = join(tempDir(), 'events.jsonl');
    fs.writeFileSync(file, '{"n":1}\n{"n":');
    await appendJsonl(file, [{ n: 3 }, { n: 4 }]);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"n":1}\n{"n":\n{"n":3}\n{"n":4}\n');
    const skipping = await drain(file, { skipCorrupt: true });
    expect(recordsOf(skipping.items).map((r) => r[2])).toEqual([{ n: 1 }, { n: 3 }, { n: 4 }]);
    expect(skipping.items.filter((i) => i.kind === 'corrupt')).toMatchObject([
      { position: { line: 2, byteOffset: 8 }, raw: '{"n":' },
    ]);
    const strict = await drain(file);
    expect(strict.error).toMatchObject({ line: 2, byteOffset: 8 });
  });

  it('seals a fragment that happens to parse, too', async () => {
    const file = join(tempDir(), 'events.jsonl');
    fs.writeFileSync(file, '{"n":1}');
    await appendJsonl(file, [{ n: 2 }]);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n');
  });
});

describe('when a value has no JSON form', () => {
  it.each([
    ['undefined', undefined],
    ['a function', () => 1],
    ['a bigint', 10n],
  ])('rejects %s and writes nothing, not even the valid records before it', async (_, bad) => {
    const file = join(tempDir(), 'events.jsonl');
    fs.writeFileSync(file, '{"n":1}\n');
    await expect(appendJsonl(file, [{ n: 2 }, bad])).rejects.toThrow(TypeError);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"n":1}\n');
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('when another holder keeps the lock past waitMs', () => {
  it('fails with LockConflict and writes nothing', async () => {
    const file = join(tempDir(), 'events.jsonl');
    fs.writeFileSync(file, '');
    await withLock(file, { waitMs: 0 }, async () => {
      await expect(appendJsonl(file, [{ n: 1 }], { waitMs: 0 })).rejects.toBeInstanceOf(LockConflict);
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('');
  });
});

const runChild = (file: string, writer: string, count: number): Promise<void> =>
  new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, 'testdata', 'append-child.ts'), file, writer, String(count)],
      { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${writer} exited ${code}: ${stderr}`)),
    );
  });

describe('when 4 processes append 200 records each at the same time', () => {
  it('gives 800 intact lines, each writer in order, none interleaved', async () => {
    const file = join(tempDir(), 'events.jsonl');
    const writers = ['w1', 'w2', 'w3', 'w4'];
    await Promise.all(writers.map((w) => runChild(file, w, 200)));
    const lines = linesOf(file);
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(800);
    const records = lines.map((l) => JSON.parse(l) as { writer: string; seq: number; pad: string });
    for (const w of writers) {
      const mine = records.filter((r) => r.writer === w);
      expect(mine.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i));
      expect(mine.every((r) => r.pad === 'x'.repeat(2048 + Number(w.slice(1))))).toBe(true);
    }
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});
