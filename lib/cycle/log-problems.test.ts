// Given bad lines and unreadable ticket logs, when the cycle checks them, then each is a warning and the
// cycle fails closed: an unreadable log first, else the first bad line; a re-read names every new one.
import { describe, expect, it } from 'vitest';
import { appendedProblem, logProblems } from './log-problems.js';

const bad = (line: number) => ({ file: 'state/x.jsonl', line, byteOffset: line * 10, reason: 'not JSON' });

describe('the logs as first read', () => {
  it('clean logs: no warning, no error', () => {
    expect(logProblems([], [])).toEqual({ warnings: [], error: null });
  });

  it('bad lines: one warning each, the first is the error', () => {
    const got = logProblems([bad(2), bad(5)], []);
    expect(got.warnings.map((w) => w.detail)).toEqual([
      'state/x.jsonl:2:20: not JSON',
      'state/x.jsonl:5:50: not JSON',
    ]);
    expect(got.error).toEqual({ code: 'LOG_CORRUPT', message: 'state/x.jsonl:2:20: not JSON' });
  });

  it('an unreadable log wins over bad lines', () => {
    const got = logProblems([bad(2)], ['a: EACCES', 'b: EISDIR']);
    expect(got.warnings.map((w) => w.code)).toEqual(['LOG_CORRUPT', 'LOG_UNREADABLE', 'LOG_UNREADABLE']);
    expect(got.error).toEqual({ code: 'LOG_UNREADABLE', message: 'a: EACCES; b: EISDIR' });
  });
});

describe('the logs read on after appends', () => {
  it('names every newly bad line, or nothing', () => {
    expect(appendedProblem([bad(1), bad(3)], [])).toEqual({
      code: 'LOG_CORRUPT',
      message: 'state/x.jsonl:1:10: not JSON; state/x.jsonl:3:30: not JSON',
    });
    expect(appendedProblem([], [])).toBeNull();
    expect(appendedProblem([bad(1)], ['a: EACCES'])?.code).toBe('LOG_UNREADABLE');
  });
});
