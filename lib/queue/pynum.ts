// Numbers as the reference prints them (Python 3): `f"{x:.2f}"`, `round(x, 4)` and `repr(x)` round the
// exact binary value half-to-even, while JS's `toFixed` rounds exact ties up and `String(x)` switches to
// exponents at other magnitudes. Flag values parse as Python's `float()` and `int()` do. Pure.
import { pyStrip } from './pytext.js';

interface Exact {
  readonly mant: bigint;
  readonly exp: number;
}

// A finite double is exactly mant * 2^exp.
const exactOf = (x: number): Exact => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return biased === 0 ? { mant: frac, exp: -1074 } : { mant: frac | (1n << 52n), exp: biased - 1075 };
};

const special = (x: number): string | null => {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
};

/** Pure: Python's `format(x, f".{digits}f")`: the exact value rounded half-to-even, sign of -0 kept. */
export const pyFixed = (x: number, digits: number): string => {
  const s = special(x);
  if (s !== null) return s;
  const { mant, exp } = exactOf(x);
  let num = mant * 10n ** BigInt(digits);
  let den = 1n;
  if (exp >= 0) num <<= BigInt(exp);
  else den <<= BigInt(-exp);
  let q = num / den;
  const twice = 2n * (num - q * den);
  if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  const text = q.toString().padStart(digits + 1, '0');
  const body = digits > 0 ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return x < 0 || Object.is(x, -0) ? `-${body}` : body;
};

/** Pure: Python's `round(x, digits)` for a float. */
export const pyRound = (x: number, digits: number): number => {
  const s = special(x);
  return s === null ? Number(pyFixed(x, digits)) : x;
};

// Shortest round-trip digits placed as Python's 'r' format places them: `point` is where the decimal
// point falls after the first `point` digits (negative: zeros between the point and the digits).
const placeDigits = (digits: string, point: number): string => {
  if (point > -4 && point <= 16) {
    if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
    if (point >= digits.length) return `${digits}${'0'.repeat(point - digits.length)}.0`;
    return `${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  const exp = point - 1;
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
};

/** Pure: Python's `repr(x)` for a float: shortest round-trip digits, exponent below 1e-4 or from 1e16. */
export const pyRepr = (x: number): string => {
  const s = special(x);
  if (s !== null) return s;
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [m = '0', e = '0'] = Math.abs(x).toExponential().split('e');
  return `${x < 0 ? '-' : ''}${placeDigits(m.replace('.', ''), Number(e) + 1)}`;
};

/** Pure: Python's integer average as `statistics.mean` gives it and `round(·, 2)` prints it. */
export const pyMeanText = (sum: number, count: number): string =>
  sum % count === 0 ? String(sum / count) : pyRepr(pyRound(sum / count, 2));

const DIGITS = String.raw`\d(?:_?\d)*`;
const FLOAT = new RegExp(
  String.raw`^[+-]?(?:(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?)$`,
);
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;
const INT = new RegExp(String.raw`^[+-]?${DIGITS}$`);

/** Pure: Python's `float(text)`, or null where it raises ValueError. */
export const pyParseFloat = (text: string): number | null => {
  const t = pyStrip(text);
  const sp = SPECIAL.exec(t);
  if (sp !== null) {
    if (sp[2]?.toLowerCase() === 'nan') return NaN;
    return sp[1] === '-' ? -Infinity : Infinity;
  }
  return FLOAT.test(t) ? Number(t.replace(/_/g, '')) : null;
};

/** Pure: Python's `int(text)` (base 10), or null where it raises ValueError. */
export const pyParseInt = (text: string): number | null => {
  const t = pyStrip(text);
  return INT.test(t) ? Number(t.replace(/_/g, '')) : null;
};
