// The dispatch cursor decoded from alert-dispatch-state.json as leniently as the reference reads it.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { cursorEvent, noSavedCursor, SavedDispatchCursor } from './dispatch-cursor.js';

const fingerprint = { size: 9, inode: 1, headSha256: 'a', lastLineByteOffset: 4, lastLineSha256: 'b' };
const decoded = (doc: unknown) => {
  const r = SavedDispatchCursor.decode(doc);
  if (E.isLeft(r)) throw new Error('the cursor codec never fails');
  return r.right;
};

describe('the saved dispatch cursor', () => {
  it('given opsfold state, then the line, byte offset and fingerprint are resumed from', () => {
    const doc = { escalationsLineOffset: 2, escalationsByteOffset: 9, escalationsFingerprint: fingerprint };
    expect(decoded(doc)).toEqual({ lines: 2, byteOffset: 9, fingerprint });
  });

  it('given state the reference wrote, then only its line cursor is known', () => {
    expect(decoded({ escalationsLineOffset: 3, status: 'success' })).toEqual({
      lines: 3,
      byteOffset: null,
      fingerprint: null,
    });
  });

  it('given JSON of another shape, then it counts as no cursor (the reference reads `// 0`)', () => {
    for (const doc of [[], 'x', null, { escalationsLineOffset: -1 }, { escalationsLineOffset: 1.5 }])
      expect(decoded(doc)).toEqual(noSavedCursor);
    expect(decoded({ escalationsFingerprint: { headSha256: 'a' } }).fingerprint).toBeNull();
  });

  it('given a cursor with no byte offset, then the ledger record says byte 0', () => {
    expect(cursorEvent(4, null, 't')).toEqual({ type: 'cursor', lines: 4, byteOffset: 0, at: 't' });
  });
});
