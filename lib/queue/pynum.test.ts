// The number formats of the reference, checked against values Python 3.11 printed for the same inputs.
import { describe, expect, it } from 'vitest';
import { pyFixed, pyMeanText, pyParseFloat, pyParseInt, pyRepr, pyRound } from './pynum.js';

describe('pyFixed (f"{x:.Nf}")', () => {
  it.each([
    [0.03125, 4, '0.0312'], // an exact tie rounds to even; toFixed would give 0.0313
    [0.125, 2, '0.12'],
    [2.675, 2, '2.67'], // the binary value is below the tie
    [1234.565, 2, '1234.57'],
    [2 / 3, 4, '0.6667'],
    [-0, 2, '-0.00'],
    [-0.00001, 4, '-0.0000'],
    [0.2, 4, '0.2000'],
    [1e16, 2, '10000000000000000.00'],
    [Infinity, 4, 'inf'],
    [NaN, 2, 'nan'],
  ])('formats %s with %s digits as %s', (x, digits, text) => {
    expect(pyFixed(x, digits)).toBe(text);
  });
});

describe('pyRound and pyRepr (repr(round(x, N)))', () => {
  it.each([
    [100.5, 2, '100.5'],
    [1.005, 2, '1.0'],
    [401 / 3, 2, '133.67'],
    [0.1 + 0.2, 2, '0.3'],
    [123, 2, '123.0'],
  ])('round(%s, %s) prints as %s', (x, digits, text) => {
    expect(pyRepr(pyRound(x, digits))).toBe(text);
  });

  it.each([
    [1e16, '1e+16'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1.5e-7, '1.5e-07'],
    [9999999999999998, '9999999999999998.0'],
    [0.30000000000000004, '0.30000000000000004'],
    [-2.5, '-2.5'],
    [5e-324, '5e-324'],
  ])('repr(%s) is %s', (x, text) => {
    expect(pyRepr(x)).toBe(text);
  });
});

describe('pyMeanText (statistics.mean of ints, rounded to 2)', () => {
  it('prints an exact mean as an int, as Python keeps the int type', () => {
    expect(pyMeanText(450, 3)).toBe('150');
  });
  it('prints an inexact mean as a float rounded to 2 places', () => {
    expect(pyMeanText(500, 3)).toBe('166.67');
    expect(pyMeanText(3, 2)).toBe('1.5');
  });
});

describe('flag values parsed as float() and int() parse them', () => {
  it.each([
    [' 0.2 ', 0.2],
    ['1_0.5', 10.5],
    ['.5', 0.5],
    ['1.', 1],
    ['-1e-2', -0.01],
    ['INF', Infinity],
    ['-infinity', -Infinity],
  ])('float(%j) is %s', (text, value) => {
    expect(pyParseFloat(text)).toBe(value);
  });
  it.each(['', 'x', '1__0', '_1', '1_', '0x10', '1,5'])('float(%j) raises', (text) => {
    expect(pyParseFloat(text)).toBeNull();
  });
  it('reads nan', () => expect(pyParseFloat('nan')).toBeNaN());
  it.each([
    ['+5', 5],
    ['1_000', 1000],
    [' 007 ', 7],
    ['-3', -3],
  ])('int(%j) is %s', (text, value) => {
    expect(pyParseInt(text)).toBe(value);
  });
  it.each(['1.0', '1e3', '', '- 1'])('int(%j) raises', (text) => {
    expect(pyParseInt(text)).toBeNull();
  });
});
