// Checkpoint fingerprints and loading on real files: the fingerprint is cheap (head and last line,
// never the whole prefix), a source that shrank is truncated, one whose consumed bytes changed is
// rotated, and a checkpoint that cannot be used is ignored with a note instead of failing the fold.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../core/position.js';
import { checkSource, fingerprintAt, loadCheckpoint, saveCheckpoint } from './checkpoints.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** A log of `n` lines `{"i":k,"pad":"…"}` (about 100 bytes each), and the offset of each line. */
const writeLog = (file: string, n: number): { bytes: Buffer; offsets: number[] } => {
  const lines = Array.from({ length: n }, (_, i) => `{"i":${i},"pad":"${'p'.repeat(80)}"}\n`);
  const bytes = Buffer.from(lines.join(''));
  fs.writeFileSync(file, bytes);
  const offsets: number[] = [];
  let at = 0;
  for (const l of lines) {
    offsets.push(at);
    at += Buffer.byteLength(l);
  }
  return { bytes, offsets };
};

const checkpointAt = async (
  file: string,
  byteOffset: number,
  lines: number,
  lastAt: number | null,
): Promise<Checkpoint<unknown>> => ({
  projection: 'count',
  version: 1,
  source: await fingerprintAt(
    file,
    { byteOffset, lines },
    lastAt === null ? null : { byteOffset: lastAt, end: byteOffset },
  ),
  cursor: { byteOffset, lines },
  state: { n: lines },
});

describe('when fingerprinting a small file at a cursor', () => {
  it('hashes the head up to the cursor and the last consumed line, and records size and inode', async () => {
    const file = join(tempDir(), 'log.jsonl');
    const { bytes, offsets } = writeLog(file, 5);
    const at = offsets[3]!;
    const fp = await fingerprintAt(file, { byteOffset: at, lines: 3 }, { byteOffset: offsets[2]!, end: at });
    expect(fp).toEqual({
      size: bytes.length,
      inode: fs.statSync(file).ino,
      headSha256: sha256(bytes.subarray(0, at)),
      lastLineByteOffset: offsets[2],
      lastLineSha256: sha256(bytes.subarray(offsets[2]!, at)),
    });
  });

  it('has no last line at the start of the file', async () => {
    const file = join(tempDir(), 'log.jsonl');
    writeLog(file, 2);
    const fp = await fingerprintAt(file, { byteOffset: 0, lines: 0 }, null);
    expect(fp).toMatchObject({ headSha256: sha256(''), lastLineByteOffset: null, lastLineSha256: null });
  });
});

describe('when fingerprinting a file larger than 64 KiB', () => {
  it('hashes only the first 64 KiB as the head', async () => {
    const file = join(tempDir(), 'log.jsonl');
    const { bytes, offsets } = writeLog(file, 1000);
    const fp = await fingerprintAt(
      file,
      { byteOffset: bytes.length, lines: 1000 },
      { byteOffset: offsets[999]!, end: bytes.length },
    );
    expect(fp.headSha256).toBe(sha256(bytes.subarray(0, 64 * 1024)));
    expect(fp.lastLineSha256).toBe(sha256(bytes.subarray(offsets[999]!)));
  });
});

describe('when checking a source against its checkpoint', () => {
  it('is ok after appends', async () => {
    const file = join(tempDir(), 'log.jsonl');
    const { bytes, offsets } = writeLog(file, 3);
    const cp = await checkpointAt(file, bytes.length, 3, offsets[2]!);
    fs.appendFileSync(file, '{"i":3}\n{"i":');
    expect(await checkSource(file, cp)).toEqual({ ok: true });
  });

  it('is truncated when the file shrank below the cursor', async () => {
    const file = join(tempDir(), 'log.jsonl');
    const { bytes, offsets } = writeLog(file, 3);
    const cp = await checkpointAt(file, bytes.length, 3, offsets[2]!);
    fs.truncateSync(file, bytes.length - 1);
    expect(await checkSource(file, cp)).toMatchObject({ ok: false, kind: 'truncated' });
  });

  it('is rotated when the first bytes changed (same length)', async () => {
    const file = join(tempDir(), 'log.jsonl');
    const { bytes, offsets } = writeLog(file, 3);
    const cp = await checkpointAt(file, bytes.length, 3, offsets[2]!);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, '{"i":9', 0);
    fs.closeSync(fd);
    expect(await checkSource(file, cp)).toMatchObject({
      ok: false,
      kind: 'rotated',
      detail: expect.stringMatching(/first bytes/),
    });
  });

  it('is rotated when the last consumed line changed beyond the first 64 KiB', async () => {
    const file = join(tempDir(), 'log.jsonl');
    const { bytes, offsets } = writeLog(file, 1000);
    const cp = await checkpointAt(file, bytes.length, 1000, offsets[999]!);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, 'q', offsets[999]! + 20);
    fs.closeSync(fd);
    expect(await checkSource(file, cp)).toMatchObject({
      ok: false,
      kind: 'rotated',
      detail: expect.stringContaining(`line at byte ${offsets[999]}`),
    });
  });

  it('is rotated when the file is gone', async () => {
    const file = join(tempDir(), 'log.jsonl');
    const { bytes } = writeLog(file, 1);
    const cp = await checkpointAt(file, bytes.length, 1, 0);
    fs.rmSync(file);
    expect(await checkSource(file, cp)).toMatchObject({ ok: false, kind: 'rotated' });
  });
});

describe('when saving and loading a checkpoint', () => {
  it('writes compact sorted-key JSON with a trailing newline and loads it back', async () => {
    const dir = tempDir();
    const file = join(dir, 'log.jsonl');
    const { bytes, offsets } = writeLog(file, 2);
    const cp = await checkpointAt(file, bytes.length, 2, offsets[1]!);
    const path = join(dir, '.opsfold', 'count.checkpoint.json');
    await saveCheckpoint(path, cp);
    const text = fs.readFileSync(path, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2);
    expect(text.indexOf('"cursor"')).toBeLessThan(text.indexOf('"projection"'));
    const stateSha256 = createHash('sha256')
      .update(`${JSON.stringify(cp.state)}\n`)
      .digest('hex');
    expect(await loadCheckpoint(path, 'count', 1)).toEqual({
      checkpoint: { ...cp, stateSha256 },
      note: null,
    });
    expect(fs.readdirSync(join(dir, '.opsfold'))).toEqual(['count.checkpoint.json']);
  });

  it('ignores a checkpoint whose state was changed on disk (its stateSha256 no longer matches)', async () => {
    const dir = tempDir();
    const file = join(dir, 'log.jsonl');
    const { bytes, offsets } = writeLog(file, 2);
    const path = join(dir, 'cp.json');
    await saveCheckpoint(path, await checkpointAt(file, bytes.length, 2, offsets[1]!));
    const saved = JSON.parse(fs.readFileSync(path, 'utf8')) as { state: unknown };
    fs.writeFileSync(path, JSON.stringify({ ...saved, state: 'edited' }));
    const loaded = await loadCheckpoint(path, 'count', 1);
    expect(loaded.checkpoint).toBeNull();
    expect(loaded.note).toMatch(/does not match its stateSha256/);
  });
});

describe('when the checkpoint cannot be used', () => {
  const saved = async (): Promise<{ path: string; cp: Checkpoint<unknown> }> => {
    const dir = tempDir();
    const file = join(dir, 'log.jsonl');
    const { bytes, offsets } = writeLog(file, 2);
    const cp = await checkpointAt(file, bytes.length, 2, offsets[1]!);
    const path = join(dir, 'cp.json');
    await saveCheckpoint(path, cp);
    return { path, cp };
  };

  it('is none, without a note, when the file is missing', async () => {
    expect(await loadCheckpoint(join(tempDir(), 'none.json'), 'count', 1)).toEqual({
      checkpoint: null,
      note: null,
    });
  });

  it('is ignored with a note when it is for another projection version', async () => {
    const { path } = await saved();
    const loaded = await loadCheckpoint(path, 'count', 2);
    expect(loaded.checkpoint).toBeNull();
    expect(loaded.note).toContain('count@1');
  });

  it('is ignored with a note when it is for another projection', async () => {
    const { path } = await saved();
    const loaded = await loadCheckpoint(path, 'sum', 1);
    expect(loaded.checkpoint).toBeNull();
    expect(loaded.note).toContain('count@1');
  });

  it.each([
    ['not JSON', '{"projection":"count",'],
    ['JSON null', 'null\n'],
    ['the right name but no cursor or source', '{"projection":"count","version":1,"state":{}}\n'],
    [
      'a cursor that is not a number',
      '{"projection":"count","version":1,"state":{},"cursor":{"byteOffset":"9","lines":1},"source":{"size":1,"inode":1,"headSha256":"x","lastLineByteOffset":null,"lastLineSha256":null}}\n',
    ],
  ])('is ignored with an "unreadable" note when it holds %s', async (_, text) => {
    const path = join(tempDir(), 'cp.json');
    fs.writeFileSync(path, text);
    const loaded = await loadCheckpoint(path, 'count', 1);
    expect(loaded.checkpoint).toBeNull();
    expect(loaded.note).toMatch(/unreadable/);
  });

  it.each([
    [
      'a malformed digest mid-state',
      (at: number) => ({ h: [1, 2, 3], pending: '', length: at }),
      /eight words/,
    ],
    [
      'a digest of another length than the cursor',
      () => ({ h: [1, 2, 3, 4, 5, 6, 7, 8], pending: 'ab', length: 1 }),
      /length differs/,
    ],
  ])('is ignored with an "unreadable" note when it holds %s', async (_, digestAt, why) => {
    const { path, cp } = await saved();
    fs.writeFileSync(path, JSON.stringify({ ...cp, digest: digestAt(cp.cursor.byteOffset) }));
    const loaded = await loadCheckpoint(path, 'count', 1);
    expect(loaded.checkpoint).toBeNull();
    expect(loaded.note).toMatch(/unreadable/);
    expect(loaded.note).toMatch(why);
  });

  it('is ignored with an "unreadable" note when the path cannot be read as a file', async () => {
    const path = join(tempDir(), 'cp.json');
    fs.mkdirSync(path);
    const loaded = await loadCheckpoint(path, 'count', 1);
    expect(loaded.checkpoint).toBeNull();
    expect(loaded.note).toMatch(/unreadable/);
  });
});
