// The backward tail reader against the forward reading rules, on real files.
// Law: for any log (records, blank lines, CRLF endings, a BOM, a torn tail), any window n and any
// chunk size, tailJsonl(file, n) equals the last n records a forward line-by-line reading yields.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CorruptLineError } from '../../../lib/io/jsonl-errors.js';
import { tailJsonl } from './tail-jsonl.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const dir = mkdtempSync(join(tmpdir(), 'opsfold-tail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lineArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({ i: fc.nat(), s: fc.string({ maxLength: 40 }) })
      .map((r) => ({ kind: 'record' as const, value: r })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', '   ', '\t').map((text) => ({ kind: 'blank' as const, text })),
  },
);
const fileArb = fc.record({
  lines: fc.array(lineArb, { maxLength: 30 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  torn: fc.option(
    fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('\n')),
    { nil: null },
  ),
});

describe('tailJsonl', () => {
  it('returns the last n records a forward reading sees, for any chunk size', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(
        fileArb,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 64 }),
        async (f, n, chunk) => {
          const eol = f.crlf ? '\r\n' : '\n';
          const body = f.lines
            .map((l) => (l.kind === 'record' ? JSON.stringify(l.value) : l.text) + eol)
            .join('');
          const file = join(dir, `t${(k += 1)}.jsonl`);
          writeFileSync(file, (f.bom ? '\uFEFF' : '') + body + (f.torn ?? ''));
          const records = f.lines.flatMap((l) => (l.kind === 'record' ? [l.value] : []));
          expect(await tailJsonl(file, n, chunk)).toEqual(records.slice(Math.max(0, records.length - n)));
        },
      ),
      { seed, numRuns: 200 },
    );
  });

  it('is empty for a missing file', async () => {
    expect(await tailJsonl(join(dir, 'nope.jsonl'), 5)).toEqual([]);
  });

  it('fails on an unparsable line inside the window with its line and byte offset', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"a":1}\nnot-json\n{"a":2}\n');
    await expect(tailJsonl(file, 2, 4)).rejects.toMatchObject({
      name: 'CorruptLineError',
      line: 2,
      byteOffset: 8,
    });
    await expect(tailJsonl(file, 1, 4)).resolves.toEqual([{ a: 2 }]);
    await expect(tailJsonl(file, 2)).rejects.toBeInstanceOf(CorruptLineError);
  });
});
