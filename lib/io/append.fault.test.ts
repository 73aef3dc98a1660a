// File-system faults on appends (append.ts), through the WriteSeam. Law: whichever call fails (mkdir,
// open, a record's write — possibly after a short write —, its fsync) with ENOSPC, EIO or EACCES,
// appendJsonl rejects with that code, the bytes that were in the log before are untouched, what it
// added is exactly the whole lines of the records written before the failing call (plus, today, a
// short write's bytes), and the lock is released so the next append succeeds. A fragment left by a
// writer that died mid-record is a torn tail to readers; once the next append seals it, it is a corrupt
// line reported with its position, never silently skipped.
import fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendJsonl } from './append.js';
import { iterateJsonlBatches } from './jsonl.js';
import { CorruptLineError } from './jsonl-errors.js';
import { FAULT_CODES, faultySeam, type Fault } from '../../property-tests/reliability/faulty-seam.js';

const seed = Number(process.env.FC_SEED ?? 424242);
let root = '';
let n = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-append-fault-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const newLog = (previous: string): string => {
  n += 1;
  const file = join(root, `log-${n}.jsonl`);
  fs.writeFileSync(file, previous);
  return file;
};

const faultArb: fc.Arbitrary<Fault> = fc.record({
  op: fc.constantFrom('mkdir' as const, 'open' as const, 'write' as const, 'fsync' as const),
  code: fc.constantFrom(...FAULT_CODES),
  nth: fc.integer({ min: 1, max: 3 }),
  partialBytes: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
});

/**
 * The oracle: the bytes an append of `lines` may leave after `fault` (from the order of seam calls):
 * exactly the whole records acknowledged before the failing call. A record whose write or fsync
 * failed is cut back off, short write included.
 */
const expectedAdded = (lines: readonly string[], f: Fault): string[] => {
  if (f.op === 'mkdir' || f.op === 'open') return [f.nth === 1 ? '' : lines.join('')];
  const whole = f.nth - 1;
  return [whole >= lines.length ? lines.join('') : lines.slice(0, whole).join('')];
};

const recordsArb = fc.array(fc.record({ id: fc.nat(), text: fc.string({ maxLength: 20 }) }), {
  minLength: 1,
  maxLength: 3,
});

describe('when any one call of an append fails', () => {
  it('rejects with the code, keeps the earlier bytes, adds only whole earlier records, and releases the lock', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('', '{"n":0}\n', '{"n":0}\n{"n":1}\n'),
        recordsArb,
        faultArb,
        async (previous, records, fault) => {
          const file = newLog(previous);
          const lines = records.map((r) => `${JSON.stringify(r)}\n`);
          const { seam, fired } = faultySeam(fault);
          const err = await appendJsonl(file, records, { seam }).then(
            () => null,
            (e: unknown) => e,
          );
          const text = fs.readFileSync(file, 'utf8');
          expect(text.startsWith(previous)).toBe(true);
          // The errno code is on the error itself (mkdir) or on the AppendError's cause.
          if (fired())
            expect([err, (err as { cause?: unknown }).cause]).toContainEqual(
              expect.objectContaining({ code: fault.code }),
            );
          else expect(err).toBeNull();
          expect(fired() ? expectedAdded(lines, fault) : [lines.join('')]).toContain(
            text.slice(previous.length),
          );
          expect(fs.existsSync(`${file}.lock`)).toBe(false);
          await expect(appendJsonl(file, [{ after: true }], { waitMs: 0 })).resolves.toBeUndefined();
        },
      ),
      { seed, numRuns: 80 },
    );
  });
});

const read = async (file: string, skipCorrupt = false) => {
  const items: unknown[] = [];
  let torn: unknown = null;
  try {
    for await (const b of iterateJsonlBatches(file, { skipCorrupt })) {
      items.push(...b.items);
      if (b.end !== null) torn = b.end.tornTail;
    }
    return { items, torn, error: null as unknown };
  } catch (error) {
    return { items, torn, error };
  }
};

describe('when a writer died in the middle of a record', () => {
  // The fragment a crashed writer (or a short write) leaves: the first bytes of `{"n":1}`.
  const fragment = () => newLog('{"n":0}\n{"n":');

  it('is a torn tail to readers: held back, not consumed, no error', async () => {
    const r = await read(fragment());
    expect([r.items.length, r.torn, r.error]).toEqual([1, { byteOffset: 8, bytes: 5 }, null]);
  });

  it('becomes a corrupt line at its position once the next append seals it, never skipped silently', async () => {
    const file = fragment();
    await appendJsonl(file, [{ n: 2 }]);
    const strict = await read(file);
    expect(strict.error).toBeInstanceOf(CorruptLineError);
    expect(strict.error).toMatchObject({ file, line: 2, byteOffset: 8 });
    const skipping = await read(file, true);
    expect(skipping.items).toMatchObject([
      { kind: 'record', value: { n: 0 } },
      { kind: 'corrupt', position: { line: 2, byteOffset: 8 }, raw: '{"n":' },
      { kind: 'record', value: { n: 2 } },
    ]);
  });
});

describe('when a full disk cut a record short', () => {
  const shortWrite = async () => {
    const file = newLog('{"n":0}\n');
    const { seam } = faultySeam({ op: 'write', code: 'ENOSPC', nth: 1, partialBytes: 5 });
    const err = await appendJsonl(file, [{ n: 1 }], { seam }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    return file;
  };

  // A fragment left in the log would turn one full disk into a corrupt line that fails every strict
  // reader until --skip-corrupt.
  it('cuts the short record back off, so the log stays valid after the disk is freed', async () => {
    const file = await shortWrite();
    expect(fs.readFileSync(file, 'utf8')).toBe('{"n":0}\n');
  });
});

describe('when an append fails', () => {
  // A bare errno error ("ENOSPC: no space left on device, write") names neither the log nor the step.
  it('names the log and the step in its error', async () => {
    const file = newLog('');
    const { seam } = faultySeam({ op: 'fsync', code: 'EIO', nth: 1 });
    const err = (await appendJsonl(file, [{ n: 1 }], { seam }).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(file);
    expect(err.message).toContain('fsync');
  });
});
