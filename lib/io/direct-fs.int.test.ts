import { mkdtempSync, openSync, closeSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fsp } from './direct-fs.js';
import { runOneShot } from './one-shot.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsfold-direct-fs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// The same script of calls, run on the thread pool and directly, must give the same answers.
const script = async (): Promise<unknown[]> => {
  const file = join(dir, 'a.txt');
  const out: unknown[] = [];
  const h = await fsp.open(file, 'wx', 0o644);
  out.push((await h.write(Buffer.from('hello world\n'), 0, 12)).bytesWritten);
  await h.sync();
  await h.truncate(6);
  await h.close();
  const r = await fsp.open(file, 'r');
  const buf = Buffer.alloc(4);
  out.push((await r.read(buf, 0, 4, 1)).bytesRead, buf.toString());
  out.push((await r.stat()).size, (await r.readFile()).toString());
  await r.close();
  await fsp.mkdir(join(dir, 'd', 'e'), { recursive: true });
  await fsp.rename(file, join(dir, 'd', 'b.txt'));
  out.push(await fsp.readFile(join(dir, 'd', 'b.txt'), 'utf8'));
  out.push((await fsp.stat(join(dir, 'd'), { bigint: true })).isDirectory());
  out.push(await fsp.realpath(join(dir, 'd', 'e', '..')).then((p) => p.endsWith(join('d'))));
  await fsp.rmdir(join(dir, 'd', 'e'));
  await fsp.unlink(join(dir, 'd', 'b.txt'));
  out.push(await fsp.lstat(join(dir, 'd', 'b.txt')).catch((e: NodeJS.ErrnoException) => e.code));
  out.push(await fsp.open(join(dir, 'missing'), 'r').catch((e: NodeJS.ErrnoException) => e.code));
  return out;
};

describe('direct file calls', () => {
  it('answer as the thread pool does, errors included', async () => {
    const pooled = await script();
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'opsfold-direct-fs-'));
    const direct = await runOneShot(script);
    expect(direct).toEqual(pooled);
    expect(pooled).toEqual([12, 4, 'ello', 6, 'hello ', 'hello ', true, true, 'ENOENT', 'ENOENT']);
  });

  it('a second close does not close the file that took the descriptor since', async () => {
    await runOneShot(async () => {
      writeFileSync(join(dir, 'x'), 'x-bytes');
      writeFileSync(join(dir, 'y'), 'y-bytes');
      const h = await fsp.open(join(dir, 'x'), 'r');
      await h.close();
      const other = openSync(join(dir, 'y'), 'r'); // likely reuses the number just freed
      await h.close();
      const buf = Buffer.alloc(7);
      expect(readSync(other, buf, 0, 7, 0)).toBe(7);
      expect(buf.toString()).toBe('y-bytes');
      closeSync(other);
    });
  });

  it('is chosen only inside runOneShot, and restored after it, even when it throws', async () => {
    const file = join(dir, 'f');
    writeFileSync(file, 'f');
    const kind = async () =>
      (await fsp.open(file, 'r').then(async (h) => [h.constructor.name, await h.close()]))[0];
    const pooled = await kind();
    await expect(
      runOneShot(async () => {
        expect(await kind()).not.toBe(pooled);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await kind()).toBe(pooled);
    expect(readFileSync(file, 'utf8')).toBe('f');
  });
});
