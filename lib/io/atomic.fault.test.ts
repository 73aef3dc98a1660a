// File-system faults on atomic writes, as a property over every seam call (atomic.ts): whichever call
// fails (open, write — possibly after a short write —, fsync, rename, mkdir, or the cleanup's unlink)
// with ENOSPC, EIO or EACCES, writeJsonAtomic rejects with an AtomicWriteError naming the file, the
// step and the code, and the file holds exactly its previous bytes — except when only the directory
// fsync after the rename failed, where it holds exactly the new bytes and the message says so. No
// temp file is left behind unless the cleanup's own unlink was the call that failed.
import fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableJson } from '../core/stable-json.js';
import { AtomicWriteError, writeJsonAtomic } from './atomic.js';
import {
  FAULT_CODES,
  SEAM_OPS,
  faultySeam,
  type Fault,
} from '../../property-tests/reliability/faulty-seam.js';

const seed = Number(process.env.FC_SEED ?? 424242);
let root = '';
let n = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-atomic-fault-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const faultArb: fc.Arbitrary<Fault> = fc.record({
  op: fc.constantFrom(...SEAM_OPS),
  code: fc.constantFrom(...FAULT_CODES),
  nth: fc.integer({ min: 1, max: 2 }),
  partialBytes: fc.nat({ max: 40 }),
});

// The steps writeFileAtomic names, by the seam call that failed: the second open and the second fsync
// are the directory's, after the rename.
const stepOf = (f: Fault): string =>
  (f.op === 'fsync' || f.op === 'open') && f.nth === 2 ? 'fsync dir' : f.op;

describe('when any one call of an atomic write fails', () => {
  it('rejects naming file, step and code, and the file holds the previous bytes (or, after rename, the new)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
        fc.jsonValue({ maxDepth: 3 }),
        faultArb,
        fc.boolean(),
        async (previous, next, fault, nested) => {
          n += 1;
          const dir = join(root, `case-${n}`);
          fs.mkdirSync(dir);
          const file = join(dir, ...(nested ? ['sub', 'state.json'] : ['state.json']));
          if (previous !== undefined) {
            fs.mkdirSync(join(file, '..'), { recursive: true });
            fs.writeFileSync(file, stableJson(previous));
          }
          const before = fs.existsSync(file) ? fs.readFileSync(file) : null;
          const { seam, fired } = faultySeam(fault);
          const err = await writeJsonAtomic(file, next, seam).then(
            () => null,
            (e: unknown) => e,
          );
          const now = fs.existsSync(file) ? fs.readFileSync(file) : null;
          if (!fired() || (fault.op === 'unlink' && err === null)) {
            expect(err).toBeNull();
            expect(now?.toString('utf8')).toBe(stableJson(next));
            return;
          }
          expect(err).toBeInstanceOf(AtomicWriteError);
          const e = err as AtomicWriteError;
          const step = fault.op === 'unlink' ? e.step : stepOf(fault);
          expect(e.message).toContain(`cannot write ${file} (${step}: ${fault.code})`);
          if (step === 'fsync dir') {
            expect(now?.toString('utf8')).toBe(stableJson(next));
            expect(e.message).toContain('the new content is in place but may not be durable');
          } else {
            expect(now).toEqual(before);
            expect(e.message).toContain('the previous file is left unchanged');
          }
          const parent = join(file, '..');
          const temps = fs.existsSync(parent) ? fs.readdirSync(parent).filter((f) => f.endsWith('.tmp')) : [];
          if (fault.op !== 'unlink') expect(temps).toEqual([]);
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});
