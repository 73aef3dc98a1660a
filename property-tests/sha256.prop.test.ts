import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Sha256Hasher,
  sha256Digest,
  sha256Initial,
  sha256Update,
  type Sha256State,
} from '../lib/core/sha256.js';

const params = { seed: Number(process.env.FC_SEED ?? 424242), verbose: true, numRuns: 300 };
const nodeSha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Byte arrays spanning several 64-byte blocks, with split points anywhere in them. `size: 'max'` matters:
 * fast-check's default size bias keeps arrays around ten elements, so splits would rarely fall mid-block.
 * Split points are drawn as large naturals reduced modulo length + 1 so they shrink independently of the bytes.
 */
const bytesAndSplits = fc.tuple(
  fc.uint8Array({ maxLength: 700, size: 'max' }),
  fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 24, size: 'max' }),
);

const chunksOf = (bytes: Uint8Array, splits: readonly number[]): Uint8Array[] => {
  const cuts = [...splits.map((s) => s % (bytes.length + 1)), 0, bytes.length].sort((a, b) => a - b);
  return cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end));
};

describe('sha256 properties', () => {
  it('chunked updates with a JSON round trip between chunks equal node:crypto over the whole array', () => {
    fc.assert(
      fc.property(bytesAndSplits, ([bytes, splits]) => {
        let state: Sha256State = sha256Initial;
        for (const chunk of chunksOf(bytes, splits)) {
          state = JSON.parse(JSON.stringify(sha256Update(state, chunk))) as Sha256State;
        }
        expect(sha256Digest(state)).toBe(nodeSha(bytes));
      }),
      params,
    );
  });

  it('the mutable hasher, restarted from saved states between chunks, equals node:crypto', () => {
    fc.assert(
      fc.property(bytesAndSplits, ([bytes, splits]) => {
        let hasher = Sha256Hasher.from();
        for (const chunk of chunksOf(bytes, splits)) {
          hasher = Sha256Hasher.from(JSON.parse(JSON.stringify(hasher.update(chunk).state())) as Sha256State);
        }
        expect(hasher.digest()).toBe(nodeSha(bytes));
      }),
      params,
    );
  });

  it('sha256Update does not mutate its input state and sha256Digest leaves it reusable', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200, size: 'max' }),
        fc.uint8Array({ maxLength: 200, size: 'max' }),
        (a, b) => {
          const state = sha256Update(sha256Initial, a);
          const snapshot = JSON.stringify(state);
          const h = state.h;
          sha256Update(state, b);
          sha256Digest(state);
          expect(JSON.stringify(state)).toBe(snapshot);
          expect(state.h).toBe(h);
          expect(sha256Digest(state)).toBe(nodeSha(a));
        },
      ),
      params,
    );
  });
});
