import { describe, expect, it } from 'vitest';
import { classifyJsonDoc, describeArtifact, positionIn, problemsOf, whereOf } from './artifact-state.js';

describe('classifying a JSON document', () => {
  it('is missing when there is no file, empty when it holds only whitespace', () => {
    expect(classifyJsonDoc('a.json', null).state).toEqual({ file: 'a.json', kind: 'missing' });
    expect(classifyJsonDoc('a.json', ' \n\t').state).toEqual({ file: 'a.json', kind: 'empty' });
    expect(classifyJsonDoc('a.json', '\ufeff').state.kind).toBe('empty');
  });

  it('is ok with its value when it parses (a BOM is ignored)', () => {
    expect(classifyJsonDoc('a.json', '\ufeff{"x":1}')).toEqual({
      state: { file: 'a.json', kind: 'ok' },
      value: { x: 1 },
    });
  });

  it('is corrupt at the line and byte of the first bad character', () => {
    const text = '{\n  "é": 1,\n  "b": ]\n}\n';
    const got = classifyJsonDoc('h.json', text).state;
    const bad = text.indexOf(']');
    expect(got).toMatchObject({
      kind: 'corrupt',
      line: 3,
      byteOffset: Buffer.byteLength(text.slice(0, bad)),
    });
    expect(whereOf(got)).toBe(`h.json:3:${Buffer.byteLength(text.slice(0, bad))}`);
    expect(describeArtifact(got)).toMatch(/^h\.json:3:\d+: invalid JSON: /);
  });

  it('puts a truncated document at its end', () => {
    const text = '{"a": [1, 2';
    expect(classifyJsonDoc('t.json', text).state).toMatchObject({
      kind: 'corrupt',
      line: 1,
      byteOffset: text.length,
    });
  });
});

describe('positions and problems', () => {
  it('counts lines and UTF-8 bytes before an index', () => {
    expect(positionIn('ab\ncd', 4)).toEqual({ line: 2, byteOffset: 4 });
    expect(positionIn('ä\nb', 2)).toEqual({ line: 2, byteOffset: 3 });
  });

  it('lists every corrupt artifact and only the required missing or empty ones', () => {
    const states = [
      { file: 'a', kind: 'missing' as const },
      { file: 'b', kind: 'missing' as const },
      { file: 'c', kind: 'corrupt' as const, line: 1, byteOffset: 0, reason: 'x' },
      { file: 'd', kind: 'empty' as const },
      { file: 'e', kind: 'ok' as const },
    ];
    expect(problemsOf(states, ['b', 'd', 'e']).map((s) => s.file)).toEqual(['b', 'c', 'd']);
  });
});
