// Folding real files through a tiny projection (count records, sum `n`), saving the checkpoint and
// resuming: the law fold(all) == foldFrom(checkpoint(fold(prefix)), rest) for every split point, the
// resumable digest equals sha256 of the consumed prefix, and a source changed under its checkpoint
// fails closed unless the fold starts over.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { Projection } from '../core/projection.js';
import { sha256Digest } from '../core/sha256.js';
import { foldFile, saveFoldCheckpoint, type FoldFileOptions } from './fold-file.js';
import { CorruptLineError, SourceChangedError } from './jsonl-errors.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

interface Rec {
  readonly n: number;
}
interface CountSum {
  readonly count: number;
  readonly sum: number;
  readonly lines: readonly number[];
}

const countSum: Projection<CountSum, Rec> = {
  name: 'count-sum',
  version: 1,
  initial: { count: 0, sum: 0, lines: [] },
  evolve: (s, e) => ({ count: s.count + 1, sum: s.sum + e.value.n, lines: [...s.lines, e.position.line] }),
};

const decode = (v: unknown): E.Either<string, Rec> =>
  typeof (v as { n?: unknown } | null)?.n === 'number' ? E.right(v as Rec) : E.left('$.n: expected number');

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

interface Setup {
  readonly file: string;
  readonly cp: string;
}

const setup = (content: string | Buffer): Setup => {
  const dir = tempDir();
  const file = join(dir, 'events.jsonl');
  fs.writeFileSync(file, content);
  return { file, cp: join(dir, '.opsfold', 'count-sum.checkpoint.json') };
};

const fold = (s: Setup, opts: Omit<FoldFileOptions<Rec>, 'decode' | 'checkpointPath'> = {}) =>
  foldFile(s.file, countSum, { checkpointPath: s.cp, decode, ...opts });

const foldAndSave = async (s: Setup, opts: Omit<FoldFileOptions<Rec>, 'decode' | 'checkpointPath'> = {}) => {
  const result = await fold(s, opts);
  await saveFoldCheckpoint(s.cp, s.file, countSum, result);
  return result;
};

const CONTENT = '{"n":1}\n\n{"n":2,"s":"é日"}\r\n   \n{"n":3}\n{"n":4}\n';

describe('when folding a file with no checkpoint', () => {
  it('folds every record from the start and reports where it stopped', async () => {
    const s = setup(CONTENT + '{"n":');
    const r = await fold(s, { digest: true });
    expect(r.state).toEqual({ count: 4, sum: 10, lines: [1, 3, 5, 6] });
    expect(r.cursor).toEqual({ byteOffset: Buffer.byteLength(CONTENT), lines: 6 });
    expect(r.end.tornTail).toEqual({ byteOffset: Buffer.byteLength(CONTENT), bytes: 5 });
    expect(r.resumedFrom).toBeNull();
    expect(r.notes).toEqual([]);
    expect(sha256Digest(r.digest!)).toBe(sha256(CONTENT));
  });

  it('keeps no digest unless asked', async () => {
    expect((await fold(setup(CONTENT))).digest).toBeNull();
  });
});

describe('when resuming from a saved checkpoint after lines were appended', () => {
  it('reaches the state of a full fold, and its digest is sha256 of the consumed prefix', async () => {
    const s = setup(CONTENT);
    const first = await foldAndSave(s, { digest: true });
    fs.appendFileSync(s.file, '{"n":5}\n\n{"n":6}\n{"n":7');
    const resumed = await fold(s, { digest: true });
    const full = await fold(s, { digest: true, fromStart: true });
    expect(resumed.resumedFrom).toEqual(first.cursor);
    expect(resumed.state).toEqual(full.state);
    expect(resumed.state).toEqual({ count: 6, sum: 21, lines: [1, 3, 5, 6, 7, 9] });
    expect(resumed.cursor).toEqual(full.cursor);
    // blankLines counts what this read saw (the appended bytes), so only the positions are compared.
    expect({ ...resumed.end, blankLines: 0 }).toEqual({ ...full.end, blankLines: 0 });
    expect(resumed.end.blankLines).toBe(1);
    const bytes = fs.readFileSync(s.file);
    expect(sha256Digest(resumed.digest!)).toBe(sha256(bytes.subarray(0, resumed.cursor.byteOffset)));
    expect(resumed.digest).toEqual(full.digest);
  });

  it('keeps the law for every split point, torn tails included', async () => {
    const all = Buffer.from(CONTENT + '{"n":10,"t":"🙂"}\n');
    const full = await fold(setup(all), { digest: true });
    for (let k = 0; k <= all.length; k += 1) {
      const s = setup(all.subarray(0, k));
      await foldAndSave(s, { digest: true });
      fs.appendFileSync(s.file, all.subarray(k));
      const resumed = await fold(s, { digest: true });
      expect(
        { state: resumed.state, cursor: resumed.cursor, digest: resumed.digest },
        `split at ${k}`,
      ).toEqual({
        state: full.state,
        cursor: full.cursor,
        digest: full.digest,
      });
    }
  });

  it('folds a completed torn tail exactly once', async () => {
    const s = setup('{"n":1}\n{"n":');
    const first = await foldAndSave(s);
    expect(first.state.count).toBe(1);
    fs.appendFileSync(s.file, '2}\n');
    const second = await foldAndSave(s);
    const third = await fold(s);
    expect(second.state).toEqual({ count: 2, sum: 3, lines: [1, 2] });
    expect(third.state).toEqual(second.state);
  });
});

describe('when nothing was appended since the checkpoint', () => {
  it('returns the saved state and cursor, and saving again gives identical bytes', async () => {
    const s = setup(CONTENT);
    const first = await foldAndSave(s, { digest: true });
    const saved = fs.readFileSync(s.cp);
    const again = await foldAndSave(s, { digest: true });
    expect(again.state).toEqual(first.state);
    expect(again.cursor).toEqual(first.cursor);
    expect(again.end.lastLine).toEqual(first.end.lastLine);
    expect(fs.readFileSync(s.cp).equals(saved)).toBe(true);
  });
});

describe('when the file was truncated below the checkpoint', () => {
  it('fails closed with SourceChangedError kind "truncated"', async () => {
    const s = setup(CONTENT);
    await foldAndSave(s);
    fs.truncateSync(s.file, 10);
    const err = await fold(s).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceChangedError);
    expect(err).toMatchObject({ kind: 'truncated', file: s.file });
    expect((err as Error).message).toContain('--from-start');
  });
});

describe('when the first bytes were rewritten (same length)', () => {
  it('fails closed with kind "rotated"', async () => {
    const s = setup(CONTENT);
    await foldAndSave(s);
    const fd = fs.openSync(s.file, 'r+');
    fs.writeSync(fd, '{"n":9', 0);
    fs.closeSync(fd);
    await expect(fold(s)).rejects.toMatchObject({ name: 'SourceChangedError', kind: 'rotated' });
  });
});

describe('when the last consumed line was rewritten', () => {
  it('fails closed with kind "rotated" (small file: the head sees it)', async () => {
    const s = setup(CONTENT);
    await foldAndSave(s);
    const bytes = fs.readFileSync(s.file);
    bytes[bytes.length - 3] = '5'.charCodeAt(0);
    fs.writeFileSync(s.file, bytes);
    await expect(fold(s)).rejects.toMatchObject({ kind: 'rotated' });
  });

  it('fails closed with kind "rotated" beyond the first 64 KiB (the last-line digest sees it)', async () => {
    const lines = Array.from({ length: 800 }, (_, i) => `{"n":${i},"pad":"${'p'.repeat(90)}"}\n`).join('');
    const s = setup(lines);
    await foldAndSave(s);
    const bytes = fs.readFileSync(s.file);
    bytes[bytes.length - 3] = 'q'.charCodeAt(0);
    fs.writeFileSync(s.file, bytes);
    const err = await fold(s).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rotated' });
    expect((err as Error).message).toMatch(/line at byte \d+ differs/);
  });
});

describe('when asked to fold from the start', () => {
  it('ignores the checkpoint, even one whose source was rotated', async () => {
    const s = setup(CONTENT);
    await foldAndSave(s);
    fs.writeFileSync(s.file, '{"n":100}\n');
    const r = await fold(s, { fromStart: true });
    expect(r.state).toEqual({ count: 1, sum: 100, lines: [1] });
    expect(r.resumedFrom).toBeNull();
    expect(r.notes).toEqual([]);
  });
});

describe('when the checkpoint is for another projection version', () => {
  it('is ignored with a note and the fold starts from zero', async () => {
    const s = setup(CONTENT);
    const r1 = await foldAndSave(s);
    const v2 = { ...countSum, version: 2 };
    const r2 = await foldFile(s.file, v2, { checkpointPath: s.cp, decode });
    expect(r2.state).toEqual(r1.state);
    expect(r2.resumedFrom).toBeNull();
    expect(r2.notes).toHaveLength(1);
    expect(r2.notes[0]).toContain('count-sum@1');
  });
});

describe('when the checkpoint file is unreadable', () => {
  it('is ignored with a note and the fold starts from zero', async () => {
    const s = setup(CONTENT);
    fs.mkdirSync(join(s.cp, '..'), { recursive: true });
    fs.writeFileSync(s.cp, '{"projection":"count-sum","vers');
    const r = await fold(s);
    expect(r.state.count).toBe(4);
    expect(r.resumedFrom).toBeNull();
    expect(r.notes).toEqual([expect.stringMatching(/unreadable/)]);
  });
});

describe('when a digest is asked for but the checkpoint has none', () => {
  it('folds from the start so the digest still covers the whole prefix', async () => {
    const s = setup(CONTENT);
    await foldAndSave(s);
    fs.appendFileSync(s.file, '{"n":5}\n');
    const r = await fold(s, { digest: true });
    expect(r.state.count).toBe(5);
    expect(sha256Digest(r.digest!)).toBe(sha256(fs.readFileSync(s.file)));
  });
});

describe('when a line mid-file is corrupt', () => {
  const bad = '{"n":1}\n{"n":"two"}\nnot json\n{"n":4}\n';

  it('fails closed with CorruptLineError at the first bad line', async () => {
    const s = setup(bad);
    await expect(fold(s)).rejects.toBeInstanceOf(CorruptLineError);
    await expect(fold(s)).rejects.toMatchObject({ line: 2, byteOffset: 8, reason: '$.n: expected number' });
  });

  it('hands the bad lines back with their positions when skipping, and folds the rest', async () => {
    const s = setup(bad);
    const r = await fold(s, { skipCorrupt: true });
    expect(r.state).toEqual({ count: 2, sum: 5, lines: [1, 4] });
    expect(r.corrupt.map((c) => [c.position.line, c.position.byteOffset, c.raw])).toEqual([
      [2, 8, '{"n":"two"}'],
      [3, 20, 'not json'],
    ]);
  });
});

describe('when a tap rides on the fold', () => {
  it('is told where the fold starts and sees every batch the projection saw, up to `until`', async () => {
    const s = setup(CONTENT);
    await foldAndSave(s);
    fs.appendFileSync(s.file, '{"n":5}\n{"n":6}\n');
    const until = Buffer.byteLength(CONTENT) + 8;
    const starts: unknown[] = [];
    const seen: number[] = [];
    const r = await fold(s, {
      until,
      tap: (start) => {
        starts.push(start);
        return (batch) => {
          for (const item of batch.items) if (item.kind === 'record') seen.push(item.value.n);
        };
      },
    });
    expect(starts).toEqual([{ byteOffset: Buffer.byteLength(CONTENT), lines: 6 }]);
    expect(seen).toEqual([5]);
    expect(r.cursor).toEqual({ byteOffset: until, lines: 7 });
    expect(r.digest).toBeNull();
  });
});
