import { describe, expect, it } from 'vitest';
import { classifyRead } from './doc-read.js';

describe('a document read as the page shows it', () => {
  it('is missing when the file is absent, or a path segment is not a directory', () => {
    expect(classifyRead('h.json', { kind: 'missing', path: '/r/h.json' }).state.kind).toBe('missing');
    const enotdir = classifyRead('h.json', {
      kind: 'problem',
      path: '/r/h.json',
      problem: { kind: 'unreadable', code: 'ENOTDIR', reason: 'not a directory' },
      bytes: 0,
    });
    expect(enotdir.state.kind).toBe('missing');
  });

  it('is empty when the file has no bytes, and corrupt at line and byte when it does not parse', () => {
    const at = { line: 2, byteOffset: 9, reason: 'Unexpected end' };
    const read = (bytes: number) =>
      classifyRead('h.json', {
        kind: 'problem',
        path: '/r/h.json',
        problem: { kind: 'unparsable', ...at },
        bytes,
      });
    expect(read(0).state.kind).toBe('empty');
    expect(read(12).state).toEqual({
      file: 'h.json',
      kind: 'corrupt',
      line: 2,
      byteOffset: 9,
      reason: 'invalid JSON: Unexpected end',
    });
  });

  it('names a refused artifact as corrupt with the reason, and keeps the value of a found one', () => {
    const refused = classifyRead('h.json', {
      kind: 'problem',
      path: '/r/h.json',
      problem: { kind: 'refused', reason: 'a FIFO' },
      bytes: 0,
    });
    expect(refused.state).toMatchObject({ kind: 'corrupt', reason: 'refused: a FIFO' });
    const found = classifyRead('h.json', {
      kind: 'found',
      path: '/r/h.json',
      value: { a: 1 },
      bytes: 7,
      encoding: 'utf-8',
    });
    expect(found).toEqual({ state: { file: 'h.json', kind: 'ok' }, value: { a: 1 } });
  });
});
