// Lenient codecs for the page's views of documents: the page shows what a document holds and never
// fails on a shape it did not expect, so every codec here decodes any input (a missing or mistyped
// field reads as null, an empty list or an object of nulls). They decode once, at the edge; the view
// builders take the typed values. Pure.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { isObject } from '../core/json-object.js';
import type { JsonValue } from '../core/json-schema.js';

const always = <A>(
  name: string,
  pick: (u: unknown) => A,
  is: (u: unknown) => u is A,
): t.Type<A, A, unknown> => new t.Type<A, A, unknown>(name, is, (u) => t.success(pick(u)), t.identity);

const isTextOrNull = (u: unknown): u is string | null => u === null || (typeof u === 'string' && u !== '');
const isFiniteOrNull = (u: unknown): u is number | null =>
  u === null || (typeof u === 'number' && Number.isFinite(u));

/** A non-empty string, else null. */
export const Text = always('Text', (u) => (typeof u === 'string' && u !== '' ? u : null), isTextOrNull);

/** A finite number, else null. */
export const Num = always(
  'Num',
  (u) => (typeof u === 'number' && Number.isFinite(u) ? u : null),
  isFiniteOrNull,
);

/** A string, finite number or boolean as text, else null. */
export const Scalar = always(
  'Scalar',
  (u) => {
    if (typeof u === 'number' && Number.isFinite(u)) return String(u);
    if (typeof u === 'boolean') return String(u);
    return typeof u === 'string' && u !== '' ? u : null;
  },
  isTextOrNull,
);

/** The strings of an array (anything else is dropped; not an array: none). */
export const Texts = always(
  'Texts',
  (u) => (Array.isArray(u) ? u.filter((s): s is string => typeof s === 'string') : []),
  (u): u is string[] => Array.isArray(u) && u.every((s) => typeof s === 'string'),
);

/** Any JSON value passed through to the page as it is; missing is null. */
export const Json = always(
  'Json',
  (u) => (u === undefined ? null : (u as JsonValue)),
  (u): u is JsonValue => u !== undefined,
);

/** `true` only when the value is exactly true. */
export const IsTrue = always(
  'IsTrue',
  (u) => u === true,
  (u): u is boolean => typeof u === 'boolean',
);

/** Anything but an explicit `false` (a missing `enabled` means enabled). */
export const NotFalse = always(
  'NotFalse',
  (u) => u !== false,
  (u): u is boolean => typeof u === 'boolean',
);

const valueOf = <A>(codec: t.Type<A, unknown, unknown>, u: unknown): A => {
  const r = codec.decode(u);
  // Every codec built here succeeds; a strict codec placed inside one is a programming error.
  if (E.isLeft(r)) throw new Error(`lenient view ${codec.name} failed to decode`);
  return r.right;
};

/** Decodes `u` with a lenient view codec (which cannot fail). */
export const viewOf = <A>(codec: t.Type<A, unknown, unknown>, u: unknown): A => valueOf(codec, u);

type Out<P extends t.Props> = { readonly [K in keyof P]: t.TypeOf<P[K]> };

/**
 * An object read field by field; a field of `from` is read from another key (two views of one key).
 * Not an object: every field decodes `undefined`.
 */
export const record = <P extends t.Props>(
  name: string,
  props: P,
  from: Partial<Record<keyof P, string>> = {},
): t.Type<Out<P>, Out<P>, unknown> =>
  always(
    name,
    (u) => {
      const src = isObject(u) ? u : {};
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(props)) out[k] = valueOf(props[k] as t.Mixed, src[from[k] ?? k]);
      return out as Out<P>;
    },
    (u): u is Out<P> => isObject(u),
  );

/** The object entries of an array, each read by `item` (other entries dropped; not an array: none). */
export const objects = <A>(item: t.Type<A, unknown, unknown>): t.Type<A[], A[], unknown> =>
  always(
    `objects(${item.name})`,
    (u) => (Array.isArray(u) ? u.filter(isObject).map((v) => valueOf(item, v)) : []),
    (u): u is A[] => Array.isArray(u),
  );

/** Every entry of an array, each read by `item`; not an array: null. */
export const entries = <A>(item: t.Type<A, unknown, unknown>): t.Type<A[] | null, A[] | null, unknown> =>
  always(
    `entries(${item.name})`,
    (u) => (Array.isArray(u) ? u.map((v) => valueOf(item, v)) : null),
    (u): u is A[] | null => u === null || Array.isArray(u),
  );

/** An object's values, each read by `item`, in the object's key order; not an object: null. */
export const valuesBy = <A>(
  item: t.Type<A, unknown, unknown>,
): t.Type<Record<string, A> | null, Record<string, A> | null, unknown> =>
  always(
    `valuesBy(${item.name})`,
    (u) =>
      isObject(u) ? Object.fromEntries(Object.entries(u).map(([k, v]) => [k, valueOf(item, v)])) : null,
    (u): u is Record<string, A> | null => u === null || isObject(u),
  );
