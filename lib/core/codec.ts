// Decoding returns Either and never throws; the error names the JSON path of the first bad field so
// the edge can print `file:line:byte: $.run.iteration: expected number, got "two"`.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { jsonDepthProblem } from './json-depth.js';

/** Why a value does not satisfy a contract: the JSON path of the offending field and what was expected. */
export interface ContractError {
  readonly path: string;
  readonly expected: string;
  readonly actual: unknown;
  readonly message: string;
}

const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) text = typeof value === 'bigint' ? `${String(value)}n` : typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

// Members of an intersection or union are not fields of the value: their index is no path step.
const MEMBER_PARENTS = new Set(['IntersectionType', 'UnionType']);

const pathOf = (context: t.Context): string => {
  let path = '$';
  for (let i = 1; i < context.length; i += 1) {
    const parent = context[i - 1]?.type as { _tag?: string } | undefined;
    if (MEMBER_PARENTS.has(parent?._tag ?? '')) continue;
    const key = context[i]?.key ?? '';
    path += /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
  }
  return path;
};

/** Pure: the first io-ts validation error as a ContractError (path, expected type name, actual value). */
export const firstContractError = (errors: t.Errors): ContractError => {
  const first = errors[0];
  if (first === undefined)
    return { path: '$', expected: 'valid value', actual: undefined, message: '$: invalid value' };
  const last = first.context[first.context.length - 1];
  const path = pathOf(first.context);
  const expected = last?.type.name ?? 'valid value';
  const message = first.message ?? `${path}: expected ${expected}, got ${describe(first.value)}`;
  return { path, expected, actual: first.value, message };
};

/** Pure: decodes with an io-ts codec; Left carries the first error with its JSON path. */
export const decode = <A, O>(codec: t.Type<A, O, unknown>, value: unknown): E.Either<ContractError, A> =>
  E.mapLeft(firstContractError)(codec.decode(value));

/** Pure: parses JSON text without throwing. */
export const parseJson = (text: string): E.Either<string, unknown> => {
  // Refused before parsing: a value this deep would overflow every recursive step after the parse.
  const tooDeep = jsonDepthProblem(text);
  if (tooDeep !== null) return E.left(tooDeep);
  try {
    return E.right(JSON.parse(text) as unknown);
  } catch (err) {
    return E.left(err instanceof Error ? err.message : String(err));
  }
};

/**
 * A whole number >= 0 that a double holds exactly (< 2^53): an offset, count or sequence number past
 * that was rounded when parsed (and `1e400` parsed as Infinity), so it is refused, not used rounded.
 */
export const ExactCount = t.refinement(
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 0,
  'NonNegativeInteger',
);

/** A codec that also accepts null. */
export const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);
