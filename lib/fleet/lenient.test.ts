import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import {
  count,
  decodeLenient,
  echo,
  Echoes,
  echoing,
  flag,
  listOf,
  section,
  StringList,
  text,
  view,
} from './lenient.js';

const Doc = view({ name: t.string, n: count(), on: flag, note: text, raw: echo, tags: StringList }, 'Doc');

describe('a lenient view', () => {
  it('reads a field of the wrong type as absent, or as its default', () => {
    expect(decodeLenient(Doc, { name: 7, n: 'x', on: 'yes', note: 1, tags: ['a', 2, 'b'] })).toEqual({
      n: 0,
      on: false,
      note: null,
      raw: null,
      tags: ['a', 'b'],
    });
  });

  it('keeps the fields of the right type and drops keys it does not name', () => {
    expect(decodeLenient(Doc, { name: 'a', n: 3, on: true, raw: { x: 1 }, other: 1 })).toEqual({
      name: 'a',
      n: 3,
      on: true,
      note: null,
      raw: { x: 1 },
      tags: [],
    });
  });

  it('is undefined for a value that is not a plain object, where a section reads it as {}', () => {
    const S = section({ n: count(5) }, 'S');
    expect([null, [], 'x', 3].map((u) => decodeLenient(Doc, u))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(decodeLenient(S, [])).toEqual({ n: 5 });
  });

  it('treats null like absent, as jq `//` does, and a count that JSON overflowed to Infinity as absent', () => {
    expect(decodeLenient(section({ n: count(1), s: text }, 'S'), { n: null, s: null })).toEqual({
      n: 1,
      s: null,
    });
    expect(decodeLenient(section({ n: count(1) }, 'S'), { n: JSON.parse('1e999') })).toEqual({ n: 1 });
  });
});

describe('lenient lists', () => {
  it('listOf drops the entries that read as absent; Echoes keeps every entry as written', () => {
    expect(decodeLenient(listOf(view({ a: t.string }, 'A')), [{ a: 'x' }, 3, null, {}])).toEqual([
      { a: 'x' },
      {},
    ]);
    expect(decodeLenient(Echoes, [1, 'a', null])).toEqual([1, 'a', null]);
    expect(decodeLenient(Echoes, { a: 1 })).toEqual([]);
  });

  it('echoing keeps the entry as written next to what is read of it', () => {
    const c = listOf(echoing(section({ severity: t.string }, 'C')));
    expect(decodeLenient(c, [{ severity: 'critical', id: 1 }, 'x'])).toEqual([
      { value: { severity: 'critical', id: 1 }, read: { severity: 'critical' } },
      { value: 'x', read: {} },
    ]);
  });
});
