import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { cursorDocument, savedCursorOf } from './poll-cursor.js';

const fingerprint = { size: 30, inode: 7, headSha256: 'h', lastLineByteOffset: 20, lastLineSha256: 'l' };

describe('the poll cursor document', () => {
  it('given a cursor opsfold wrote, when read, then lines, bytes and fingerprint come back', () => {
    const doc = cursorDocument({
      repoPath: '/r',
      loopId: 'demo',
      eventsPath: '.superloop/loops/demo/events.jsonl',
      cursor: { byteOffset: 30, lines: 3 },
      lineCount: 4,
      updatedAt: '2026-02-22T12:00:00Z',
      fingerprint,
    });
    expect(Object.keys(doc)).toEqual([
      'schemaVersion',
      'repoPath',
      'loopId',
      'eventsFile',
      'eventLineOffset',
      'eventLineCount',
      'updatedAt',
      'eventByteOffset',
      'eventsFingerprint',
    ]);
    expect(savedCursorOf(doc, 'c.json')).toEqual(E.right({ lines: 3, byteOffset: 30, fingerprint }));
  });

  it('given a cursor the reference wrote, when read, then only the line count is known', () => {
    expect(savedCursorOf({ eventLineOffset: 5 }, 'c.json')).toEqual(
      E.right({ lines: 5, byteOffset: null, fingerprint: null }),
    );
  });

  it('given no offset or a document that is not an object, when read, then it fails closed like an empty file', () => {
    for (const doc of [null, {}, [], [1], 'x', 3, { eventLineCount: 4 }])
      expect(savedCursorOf(doc, 'c.json'), JSON.stringify(doc)).toEqual(
        E.left({
          message: 'invalid cursor offset in c.json',
          details: [
            `c.json: $.eventLineOffset: expected a whole number, got no offset (${JSON.stringify(doc)})`,
          ],
        }),
      );
  });

  it('given a negative or fractional offset, when read, then it fails with the reference lines', () => {
    expect(savedCursorOf({ eventLineOffset: -1 }, 'c.json')).toEqual(
      E.left({
        message: 'invalid cursor offset in c.json',
        details: ['c.json: $.eventLineOffset: expected a whole number, got -1'],
      }),
    );
    expect(E.isLeft(savedCursorOf({ eventLineOffset: 1.5 }, 'c.json'))).toBe(true);
    expect(E.isLeft(savedCursorOf({ eventLineOffset: '3' }, 'c.json'))).toBe(true);
  });
});

describe('saved cursor numbers a double cannot hold exactly', () => {
  it('given an offset past 2^53 or one that overflowed to Infinity, when read, then it fails instead of rounding', () => {
    const past = JSON.parse('{"eventLineOffset": 9007199254740993}') as unknown;
    expect(savedCursorOf(past, 'c.json')).toEqual(
      E.left({
        message: 'invalid cursor offset in c.json',
        details: [
          'c.json: $.eventLineOffset: expected a whole number, got 9007199254740992 (past 2^53: not exact)',
        ],
      }),
    );
    expect(E.isLeft(savedCursorOf(JSON.parse('{"eventLineOffset": 1e400}'), 'c.json'))).toBe(true);
  });

  it('given a byte offset past 2^53, when read, then it fails instead of resuming at a rounded byte', () => {
    const doc = JSON.parse('{"eventLineOffset": 3, "eventByteOffset": 18014398509481985}') as unknown;
    expect(E.isLeft(savedCursorOf(doc, 'c.json'))).toBe(true);
    expect(
      E.isLeft(savedCursorOf(JSON.parse('{"eventLineOffset": 3, "eventByteOffset": 1e400}'), 'c.json')),
    ).toBe(true);
    expect(savedCursorOf({ eventLineOffset: 3, eventByteOffset: 40 }, 'c.json')).toEqual(
      E.right({ lines: 3, byteOffset: 40, fingerprint: null }),
    );
  });
});
