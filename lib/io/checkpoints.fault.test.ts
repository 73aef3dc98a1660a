// A checkpoint save that fails (ENOSPC, EIO, EACCES on any step before the rename) leaves the previous
// checkpoint, which still loads and resumes to exactly a full replay: a failed save costs re-reading
// the appended bytes, never a wrong state. saveCheckpoint takes no WriteSeam today, so the failing save
// is the call it makes (writeJsonAtomic(path, checkpoint, seam, false)) with a faulty seam; see the
// reliability report for the seam parameter it should take.
import fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint } from '../core/position.js';
import { writeJsonAtomic } from './atomic.js';
import { fingerprintAt, loadCheckpoint } from './checkpoints.js';
import { foldFile, saveFoldCheckpoint } from './fold-file.js';
import { FAULT_CODES, faultySeam } from '../../property-tests/reliability/faulty-seam.js';
import { killProjection } from '../../property-tests/reliability/kernel-workload.js';

const seed = Number(process.env.FC_SEED ?? 424242);
let root = '';
let n = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-checkpoint-fault-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const line = (i: number) => `${JSON.stringify({ id: `r-${i}`, gen: 1, v: i, pad: '' })}\n`;

describe('when saving a newer checkpoint fails', () => {
  it('keeps the previous one, which resumes to the same state as a full replay', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('open' as const, 'write' as const, 'fsync' as const, 'rename' as const),
        fc.constantFrom(...FAULT_CODES),
        async (first, more, op, code) => {
          n += 1;
          const log = join(root, `log-${n}.jsonl`);
          const cp = join(root, `cp-${n}.json`);
          fs.writeFileSync(log, Array.from({ length: first }, (_, i) => line(i)).join(''));
          await saveFoldCheckpoint(
            cp,
            log,
            killProjection,
            await foldFile(log, killProjection, { checkpointPath: cp }),
          );
          const saved = fs.readFileSync(cp);
          fs.appendFileSync(log, Array.from({ length: more }, (_, i) => line(first + i)).join(''));
          const newer = await foldFile(log, killProjection, { checkpointPath: cp });
          const cpDoc: Checkpoint<unknown> = {
            projection: killProjection.name,
            version: killProjection.version,
            source: await fingerprintAt(log, newer.cursor, newer.end.lastLine),
            cursor: newer.cursor,
            state: newer.state,
          };
          const { seam } = faultySeam({ op, code, nth: 1 });
          await expect(writeJsonAtomic(cp, cpDoc, seam, false)).rejects.toMatchObject({ step: op });
          expect(fs.readFileSync(cp)).toEqual(saved);
          const loaded = await loadCheckpoint(cp, killProjection.name, killProjection.version);
          expect([loaded.note, loaded.checkpoint?.cursor.lines]).toEqual([null, first]);
          const resumed = await foldFile(log, killProjection, { checkpointPath: cp });
          const replayed = await foldFile(log, killProjection, { fromStart: true });
          expect([resumed.resumedFrom?.lines, resumed.state, resumed.cursor]).toEqual([
            first,
            replayed.state,
            replayed.cursor,
          ]);
        },
      ),
      { seed, numRuns: 40 },
    );
  });
});
