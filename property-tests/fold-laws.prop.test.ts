// Laws of folding an events log (lib/core/projection.ts, lib/io/fold-file.ts, loopEventsProjection):
//
//   1. Pure law: for any log and any split point k,
//        fold(p, all) == foldFrom(p, fold(p, all[0..k]), all[k..])
//   2. File law: folding a prefix of the file, saving its checkpoint, appending the rest of the bytes and
//      folding again from that checkpoint gives the same state, cursor and sha256 digest as one fold of
//      the whole file, whether the prefix ends on a line boundary or inside a line (a torn tail, which is
//      not consumed and is read again once completed).
//   3. Determinism: two folds of the same bytes give byte-identical stable JSON.
//
// Logs are realistic Superloop trails laid out with a BOM, CRLF and blank lines (arbitraries.ts). Small
// logs are split at every line boundary; larger ones at random boundaries, plus one random byte.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold, foldFrom } from '../lib/core/projection.js';
import { stableJson } from '../lib/core/stable-json.js';
import { sha256Digest } from '../lib/core/sha256.js';
import { foldFile, saveFoldCheckpoint } from '../lib/io/fold-file.js';
import { loopEventsProjection } from '../lib/loop/events-projection.js';
import { decodeLoopEventLine } from '../lib/loop/event-guard.js';
import { lineBoundaries, logBytesArb, positionedOf, type LogBytes } from './arbitraries.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const proj = loopEventsProjection;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

let dir = '';
let n = 0;
const fresh = (): { file: string; checkpoint: string } => {
  n += 1;
  return { file: join(dir, `events-${n}.jsonl`), checkpoint: join(dir, `cp-${n}`, 'loop-events.json') };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsfold-fold-laws-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const foldOpts = { decode: decodeLoopEventLine, digest: true } as const;

/** The byte offsets the file law is checked at: every line boundary when small, else a sample; plus `extra` bytes. */
const splitsOf = (log: LogBytes, picks: readonly number[], bytePicks: readonly number[]): number[] => {
  const bounds = lineBoundaries(log);
  const chosen = bounds.length <= 16 ? bounds : picks.map((p) => bounds[p % bounds.length] ?? 0);
  const bytes = bytePicks.map((p) => p % (log.bytes.length + 1));
  return [...new Set([...chosen, ...bytes])].sort((a, b) => a - b);
};

describe('the pure fold law', () => {
  it('fold(all) equals foldFrom(fold(prefix), rest) at every split', () => {
    fc.assert(
      fc.property(logBytesArb({ maxLength: 40 }), (log) => {
        const events = positionedOf(log);
        const all = fold(proj, events);
        const allJson = stableJson(all);
        for (let k = 0; k <= events.length; k++) {
          const resumed = foldFrom(proj, fold(proj, events.slice(0, k)), events.slice(k));
          expect(resumed).toEqual(all);
          expect(stableJson(resumed)).toBe(allJson);
        }
        expect(all.records).toBe(log.records.length);
        expect(all.lastLine).toBe(log.records.at(-1)?.line ?? 0);
        expect(all.firstEventAt).toBe(log.records[0]?.value['timestamp'] ?? null);
      }),
      { seed, numRuns: 200 },
    );
  });

  it('folding a state through JSON (as a checkpoint does) changes nothing', () => {
    fc.assert(
      fc.property(logBytesArb({ maxLength: 30 }), fc.nat(), (log, pick) => {
        const events = positionedOf(log);
        const k = pick % (events.length + 1);
        const saved = JSON.parse(JSON.stringify(fold(proj, events.slice(0, k)))) as typeof proj.initial;
        expect(stableJson(foldFrom(proj, saved, events.slice(k)))).toBe(stableJson(fold(proj, events)));
      }),
      { seed, numRuns: 200 },
    );
  });
});

describe('folding a file from a checkpoint', () => {
  it('full fold == prefix fold + saved checkpoint + appended rest (state, cursor, digest)', async () => {
    await fc.assert(
      fc.asyncProperty(
        logBytesArb({ maxLength: 24 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
        async (log, picks, bytePicks) => {
          const whole = fresh();
          writeFileSync(whole.file, log.bytes);
          const full = await foldFile(whole.file, proj, foldOpts);
          const again = await foldFile(whole.file, proj, foldOpts);
          // Determinism: same bytes, same output, byte for byte.
          expect(stableJson(again.state)).toBe(stableJson(full.state));
          expect(stableJson(full.state)).toBe(stableJson(fold(proj, positionedOf(log))));
          expect(full.cursor).toEqual({ byteOffset: log.bytes.length, lines: log.lines.length });
          expect(full.end.tornTail).toBeNull();
          expect(sha256Digest(full.digest!)).toBe(sha(log.bytes));

          for (const at of splitsOf(log, picks, bytePicks)) {
            const { file, checkpoint } = fresh();
            writeFileSync(file, log.bytes.subarray(0, at));
            const first = await foldFile(file, proj, { ...foldOpts, checkpointPath: checkpoint });
            // A prefix consumes exactly its complete lines; the rest of a cut line is a torn tail.
            const consumed = log.lines.filter((l) => l.end <= at);
            expect(first.cursor).toEqual({ byteOffset: consumed.at(-1)?.end ?? 0, lines: consumed.length });
            expect(first.end.tornTail?.bytes ?? 0).toBe(at - first.cursor.byteOffset);
            await saveFoldCheckpoint(checkpoint, file, proj, first);
            appendFileSync(file, log.bytes.subarray(at));
            const resumed = await foldFile(file, proj, { ...foldOpts, checkpointPath: checkpoint });
            expect(resumed.resumedFrom).toEqual(first.cursor.byteOffset > 0 ? first.cursor : null);
            expect(resumed.notes).toEqual([]);
            expect(stableJson(resumed.state)).toBe(stableJson(full.state));
            expect(resumed.cursor).toEqual(full.cursor);
            expect(resumed.end.tornTail).toBeNull();
            expect(stableJson(resumed.digest)).toBe(stableJson(full.digest));
            expect(sha256Digest(resumed.digest!)).toBe(sha(log.bytes));
          }
        },
      ),
      { seed, numRuns: 40 },
    );
  });

  it('a chain of checkpoints over several appends ends where one fold of the whole file ends', async () => {
    await fc.assert(
      fc.asyncProperty(
        logBytesArb({ maxLength: 24 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (log, picks) => {
          const { file, checkpoint } = fresh();
          const cuts = [...new Set([...picks.map((p) => p % (log.bytes.length + 1)), log.bytes.length])].sort(
            (a, b) => a - b,
          );
          writeFileSync(file, Buffer.alloc(0));
          let written = 0;
          let last = await foldFile(file, proj, { ...foldOpts, checkpointPath: checkpoint });
          for (const cut of cuts) {
            appendFileSync(file, log.bytes.subarray(written, cut));
            written = cut;
            const next = await foldFile(file, proj, { ...foldOpts, checkpointPath: checkpoint });
            expect(next.cursor.byteOffset).toBeGreaterThanOrEqual(last.cursor.byteOffset);
            expect(next.cursor.lines).toBeGreaterThanOrEqual(last.cursor.lines);
            await saveFoldCheckpoint(checkpoint, file, proj, next);
            last = next;
          }
          expect(stableJson(last.state)).toBe(stableJson(fold(proj, positionedOf(log))));
          expect(last.cursor).toEqual({ byteOffset: log.bytes.length, lines: log.lines.length });
          expect(sha256Digest(last.digest!)).toBe(sha(log.bytes));
        },
      ),
      { seed, numRuns: 60 },
    );
  });
});
