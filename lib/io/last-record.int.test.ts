import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastRecord } from './last-record.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsfold-last-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (text: string | Buffer) => {
  const f = join(dir, 'log.jsonl');
  writeFileSync(f, text);
  return f;
};

describe('lastRecord', () => {
  it('returns the last complete line and its byte offset', async () => {
    expect(await lastRecord(file('{"a":1}\n{"a":2}\n'))).toEqual({
      kind: 'record',
      value: { a: 2 },
      byteOffset: 8,
    });
  });

  it('skips a torn tail and trailing blank or CRLF lines', async () => {
    expect(await lastRecord(file('{"a":1}\r\n\n  \n{"a":'))).toEqual({
      kind: 'record',
      value: { a: 1 },
      byteOffset: 0,
    });
  });

  it('ignores a BOM on line 1, as the forward reader does', async () => {
    expect(await lastRecord(file('\uFEFF{"a":1}\n'))).toEqual({
      kind: 'record',
      value: { a: 1 },
      byteOffset: 0,
    });
  });

  it('reports a last line that is not JSON instead of guessing', async () => {
    const r = await lastRecord(file('{"a":1}\nnot json\n'));
    expect(r.kind).toBe('unparsable');
    expect(r.kind === 'unparsable' && r.byteOffset).toBe(8);
  });

  it('is none for a missing file, an empty file or a file that is only a torn line', async () => {
    expect(await lastRecord(join(dir, 'missing.jsonl'))).toEqual({ kind: 'none' });
    expect(await lastRecord(file(''))).toEqual({ kind: 'none' });
    expect(await lastRecord(file('{"a":1}'))).toEqual({ kind: 'none' });
  });

  it('finds lines that straddle the 64 KiB read chunks', async () => {
    const big = { pad: 'x'.repeat(200_000) };
    const first = `${JSON.stringify({ first: true })}\n`;
    const r = await lastRecord(file(`${first}${JSON.stringify(big)}\n${'y'.repeat(70_000)}`));
    expect(r).toEqual({ kind: 'record', value: big, byteOffset: Buffer.byteLength(first) });
  });
});

describe('lastRecord of something that is not a regular file', () => {
  it('refuses a FIFO without opening it for a blocking read, naming it', async () => {
    const fifo = join(dir, 'reconcile.jsonl');
    execFileSync('mkfifo', [fifo]);
    await expect(lastRecord(fifo)).rejects.toThrow(`${fifo}: not a regular file (a FIFO)`);
  });
  it('refuses a directory, naming it', async () => {
    const d = join(dir, 'dir.jsonl');
    mkdirSync(d);
    await expect(lastRecord(d)).rejects.toThrow(`${d}: not a regular file`);
  });
});
