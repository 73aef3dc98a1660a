// Atomic replacement on real files, and its failure modes through an injected WriteSeam: whatever step
// fails (ENOSPC, EIO, EACCES), the previous file is intact, no temp file is left, and the error says
// which file and which step.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicWriteError, writeFileAtomic, writeJsonAtomic } from './atomic.js';
import { nodeSeam, type WriteSeam } from './fs-seam.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

type Op = 'write' | 'fsync' | 'rename' | 'open';

/** nodeSeam, except that the `nth` call of `op` fails with `code`. */
const failingSeam = (op: Op, code: string, nth = 1): WriteSeam => {
  let calls = 0;
  const maybeFail = (): void => {
    calls += 1;
    if (calls === nth) throw Object.assign(new Error(`${code}: injected`), { code });
  };
  return {
    ...nodeSeam,
    open: async (path, flags, mode) => {
      if (op === 'open') maybeFail();
      return nodeSeam.open(path, flags, mode);
    },
    write: async (handle, data) => {
      if (op === 'write') maybeFail();
      return nodeSeam.write(handle, data);
    },
    fsync: async (handle) => {
      if (op === 'fsync') maybeFail();
      return nodeSeam.fsync(handle);
    },
    rename: async (from, to) => {
      if (op === 'rename') maybeFail();
      return nodeSeam.rename(from, to);
    },
  };
};

describe('when the file does not exist yet', () => {
  it('creates it (and its directory) with exactly the bytes, leaving no temp file', async () => {
    const dir = tempDir();
    const file = join(dir, 'out', 'state.json');
    await writeFileAtomic(file, 'hello\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('hello\n');
    expect(fs.readdirSync(join(dir, 'out'))).toEqual(['state.json']);
  });
});

describe('when the file exists', () => {
  it('replaces its content and leaves no temp file', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    fs.writeFileSync(file, 'old content that is longer than the new one\n');
    await writeFileAtomic(file, Buffer.from('new\n'));
    expect(fs.readFileSync(file, 'utf8')).toBe('new\n');
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
  });
});

describe('when writing JSON', () => {
  it('writes sorted keys with a trailing newline, identical bytes on a re-run', async () => {
    const dir = tempDir();
    const file = join(dir, 'out.json');
    await writeJsonAtomic(file, { b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } });
    const first = fs.readFileSync(file);
    expect(first.toString()).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      2,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
    await writeJsonAtomic(file, { a: { c: null, d: [2, { y: 2, z: 1 }] }, b: 1 });
    expect(fs.readFileSync(file).equals(first)).toBe(true);
  });

  it('writes compact JSON when not pretty', async () => {
    const file = join(tempDir(), 'out.json');
    await writeJsonAtomic(file, { b: 1, a: 2 }, nodeSeam, false);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":2,"b":1}\n');
  });
});

describe.each(['ENOSPC', 'EIO', 'EACCES'])('when a step fails with %s', (code) => {
  it.each<Op>(['write', 'fsync', 'rename'])(
    'keeps the previous file, removes the temp file and names file and step (%s)',
    async (op) => {
      const dir = tempDir();
      const file = join(dir, 'state.json');
      fs.writeFileSync(file, 'previous\n');
      const err = await writeFileAtomic(file, 'next\n', failingSeam(op, code)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AtomicWriteError);
      const e = err as AtomicWriteError;
      expect({ file: e.file, step: e.step, code: (e.cause as NodeJS.ErrnoException).code }).toEqual({
        file,
        step: op,
        code,
      });
      expect(e.message).toContain(file);
      expect(e.message).toContain(`${op}: ${code}`);
      expect(fs.readFileSync(file, 'utf8')).toBe('previous\n');
      expect(fs.readdirSync(dir)).toEqual(['state.json']);
    },
  );

  it('leaves no file at all when there was none before', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    await expect(writeFileAtomic(file, 'next\n', failingSeam('write', code))).rejects.toBeInstanceOf(
      AtomicWriteError,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('reports a failed open of the temp file as step "open"', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    fs.writeFileSync(file, 'previous\n');
    await expect(writeFileAtomic(file, 'next\n', failingSeam('open', code))).rejects.toMatchObject({
      file,
      step: 'open',
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('previous\n');
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
  });
});

describe('when only the directory fsync fails (after the rename)', () => {
  it('says the new content is in place, not that the previous file was kept', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    fs.writeFileSync(file, 'previous\n');
    const err = await writeFileAtomic(file, 'next\n', failingSeam('fsync', 'EIO', 2)).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ file, step: 'fsync dir' });
    expect(fs.readFileSync(file, 'utf8')).toBe('next\n');
    expect((err as Error).message).not.toContain('previous file is left unchanged');
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
  });
});
