// The JSONL file as a Source: reading from a cursor, marking a cursor, and resuming it — the same
// `truncated` / `rotated` answers for every caller.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cursor } from '../core/position.js';
import { fileSource, type Source } from './source.js';
import { useTempDirs } from './testdata/temp.js';

const tempDir = useTempDirs();

const drain = async (source: Source<unknown>, from: Cursor) => {
  const values: unknown[] = [];
  let end = null;
  for await (const batch of source.batches(from)) {
    for (const item of batch.items) if (item.kind === 'record') values.push(item.value);
    end = batch.end ?? end;
  }
  if (end === null) throw new Error('no end batch');
  return { values, end };
};

const logWith = (text: string): string => {
  const file = join(tempDir(), 'events.jsonl');
  fs.writeFileSync(file, text);
  return file;
};

describe('fileSource', () => {
  it('reads from the start, leaves a torn tail unread, then resumes after a saved cursor', async () => {
    const file = logWith('{"a":1}\n{"a":2}\n{"a":');
    const source = fileSource(file);
    expect(await source.resume(null)).toEqual({ kind: 'start', from: { byteOffset: 0, lines: 0 } });
    const first = await drain(source, { byteOffset: 0, lines: 0 });
    expect(first.values).toEqual([{ a: 1 }, { a: 2 }]);
    expect(first.end.tornTail).toEqual({ byteOffset: 16, bytes: 5 });
    const saved = await source.mark(first.end.cursor, first.end.lastLine);
    fs.appendFileSync(file, '3}\n');
    const resumed = await source.resume(saved);
    expect(resumed).toEqual({
      kind: 'resumed',
      from: { byteOffset: 16, lines: 2 },
      lastLine: { byteOffset: 8, end: 16 },
    });
    if (resumed.kind !== 'resumed') return;
    expect((await drain(source, resumed.from)).values).toEqual([{ a: 3 }]);
  });

  it('answers truncated when the file shrank below the cursor', async () => {
    const file = logWith('{"a":1}\n{"a":2}\n');
    const source = fileSource(file);
    const saved = await source.mark({ byteOffset: 16, lines: 2 }, { byteOffset: 8, end: 16 });
    fs.writeFileSync(file, '{"a":1}\n');
    expect(await source.resume(saved)).toMatchObject({ kind: 'truncated' });
  });

  it('answers rotated when the consumed bytes changed, or the file is gone', async () => {
    const file = logWith('{"a":1}\n{"a":2}\n');
    const source = fileSource(file);
    const saved = await source.mark({ byteOffset: 16, lines: 2 }, { byteOffset: 8, end: 16 });
    fs.writeFileSync(file, '{"b":1}\n{"b":2}\n{"b":3}\n');
    expect(await source.resume(saved)).toMatchObject({ kind: 'rotated' });
    fs.rmSync(file);
    expect(await source.resume(saved)).toMatchObject({ kind: 'rotated', detail: 'the file is gone' });
  });

  it('decodes lines and hands corrupt ones out when asked', async () => {
    const file = logWith('{"a":1}\nnope\n');
    const source = fileSource<unknown>(file, { skipCorrupt: true });
    const kinds: string[] = [];
    for await (const batch of source.batches({ byteOffset: 0, lines: 0 }))
      for (const item of batch.items) kinds.push(`${item.kind}@${item.position.line}`);
    expect(kinds).toEqual(['record@1', 'corrupt@2']);
  });
});
