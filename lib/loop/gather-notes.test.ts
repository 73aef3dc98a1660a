import { describe, expect, it } from 'vitest';
import { gatherNotes } from './gather-notes.js';

const seen = { events: '/r/events.jsonl', foldNotes: [], corruptLines: 0, quarantined: null, tornTail: null };

describe('notes of a gathered snapshot', () => {
  it('given a clean log, when gathered, then only the fold notes are said', () => {
    expect(gatherNotes({ ...seen, foldNotes: ['checkpoint resumed'] })).toEqual(['checkpoint resumed']);
  });

  it('given skipped corrupt lines and a torn tail, when gathered, then both are said in that order after the fold notes', () => {
    expect(
      gatherNotes({
        ...seen,
        foldNotes: ['n'],
        corruptLines: 2,
        quarantined: '/r/q.jsonl',
        tornTail: { byteOffset: 120, bytes: 7 },
      }),
    ).toEqual([
      'n',
      'skipped 2 corrupt line(s) of /r/events.jsonl; kept in /r/q.jsonl',
      '/r/events.jsonl: 7 byte(s) after the last newline at byte 120 are not yet a complete line; held back',
    ]);
  });
});
