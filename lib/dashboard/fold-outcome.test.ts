import { describe, expect, it } from 'vitest';
import { foldOutcome, tornNote, unreadArtifact } from './fold-outcome.js';
import type { Tracked } from './tracked.js';

const state: Tracked<number> = { inner: 3, corruptCount: 0, corrupt: [] };
const cursor = { byteOffset: 90, lines: 3 };
const folded = (resumedFrom: { byteOffset: number; lines: number } | null, torn = false) => ({
  kind: 'folded' as const,
  state,
  end: {
    cursor,
    tornTail: torn ? { byteOffset: 90, bytes: 4 } : null,
    blankLines: 0,
    lastLine: { byteOffset: 60, end: 90 },
  },
  corrupt: [
    {
      kind: 'corrupt' as const,
      position: { line: 2, byteOffset: 30 },
      raw: 'oops',
      reason: 'invalid JSON: x',
      next: { byteOffset: 35, lines: 2 },
    },
  ],
  resumedFrom,
  notes: ['checkpoint unreadable'],
  checkpoint: {
    kind: 'checkpoint' as const,
    key: 'idx.json',
    checkpoint: {
      projection: 'idx',
      version: 1,
      source: { size: 90, inode: 1, headSha256: 'h', lastLineByteOffset: 60, lastLineSha256: 'l' },
      cursor,
      state,
    },
  },
});

describe('what the page keeps of a fold', () => {
  it('remembers the skipped corrupt line in the state it checkpoints, and names the log corrupt there', () => {
    const { outcome, save } = foldOutcome('events.jsonl', folded(null), ['was rotated']);
    expect(outcome.artifact).toMatchObject({ kind: 'corrupt', line: 2, byteOffset: 30 });
    expect(save?.checkpoint.state).toEqual(outcome.state);
    expect(outcome.state.corrupt).toEqual([{ line: 2, byteOffset: 30, reason: 'invalid JSON: x' }]);
    expect(outcome.notes).toEqual(['was rotated', 'checkpoint unreadable']);
  });

  it('saves no checkpoint when the cursor did not move', () => {
    expect(foldOutcome('events.jsonl', folded(cursor), []).save).toBeNull();
  });

  it('says where an unfinished last line is', () => {
    const { outcome } = foldOutcome('events.jsonl', folded(null, true), []);
    expect(tornNote('events.jsonl', outcome)).toEqual([
      'events.jsonl: 4 byte(s) of an unfinished last line at byte 90',
    ]);
  });

  it('does not fold a refused, missing or empty log', () => {
    expect(unreadArtifact('e', 'a FIFO', null)).toMatchObject({ kind: 'corrupt', reason: 'refused: a FIFO' });
    expect(unreadArtifact('e', null, null)).toEqual({ file: 'e', kind: 'missing' });
    expect(unreadArtifact('e', null, 0)).toEqual({ file: 'e', kind: 'empty' });
    expect(unreadArtifact('e', null, 10)).toBeNull();
  });
});
