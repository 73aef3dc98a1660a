// Lenient views: codecs for the documents the loop reads the way the reference reads them (jq paths
// with `//` defaults, `|| echo {}`). Decoding never fails: a value that is not an object reads as `{}`
// and each field is normalised as the reference's jq expression would see it, so a decision gets
// typed fields and still gives the reference's answer for a document of the wrong shape.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { alt, text } from './event-fields.js';

/** A field codec that always succeeds with `read(value)`. */
export const lenient = <A>(name: string, is: (u: unknown) => u is A, read: (u: unknown) => A): t.Type<A, A> =>
  new t.Type<A, A>(name, is, (u) => t.success(read(u)), t.identity);

const isStringOrNull = (u: unknown): u is string | null => u === null || typeof u === 'string';
const isNumberOrNull = (u: unknown): u is number | null => u === null || typeof u === 'number';

/** `.x // ""` as jq -r prints it, the empty string as null. */
export const JqText = lenient('JqText', isStringOrNull, (u) => {
  const s = text(alt(u, ''));
  return s === '' ? null : s;
});

/** `.x // empty` as jq -r prints it: null when absent, null or false (an empty string is kept). */
export const JqOpt = lenient('JqOpt', isStringOrNull, (u) => {
  const v = alt(u, null);
  return v === null ? null : text(v);
});

/** `.x == true` */
export const JqTrue = lenient(
  'JqTrue',
  (u): u is boolean => typeof u === 'boolean',
  (u) => u === true,
);

/** The printed value when it is a whole number (`test("^[0-9]+$")`), else null. */
export const JqWhole = lenient('JqWhole', isNumberOrNull, (u) => {
  const s = text(u);
  const n = /^[0-9]+$/.test(s) ? Number(s) : null;
  return n !== null && Number.isSafeInteger(n) ? n : null;
});

/** A JSON number (finite), else null. */
export const FiniteNumber = lenient('FiniteNumber', isNumberOrNull, (u) =>
  typeof u === 'number' && Number.isFinite(u) ? u : null,
);

/**
 * A whole JSON number a double holds exactly (|n| < 2^53), else null: a sequence number or offset past
 * that (or `1e400`, parsed as Infinity) has already lost its value, so it reads as absent, not rounded.
 */
export const ExactInteger = lenient('ExactInteger', isNumberOrNull, (u) =>
  typeof u === 'number' && Number.isSafeInteger(u) ? u : null,
);

/** A non-empty JSON string, else null. */
export const NonEmptyString = lenient('NonEmptyString', isStringOrNull, (u) =>
  typeof u === 'string' && u.length > 0 ? u : null,
);

/** Whether the value is present at all (not absent and not null), as `.x != null`. */
export const Present = lenient(
  'Present',
  (u): u is boolean => typeof u === 'boolean',
  (u) => u != null,
);

/** A JSON value as parsed (kept as it is, false included); absent reads as null. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
export const JsonValue = lenient(
  'JsonValue',
  (u): u is Json => u !== undefined,
  (u) => (u === undefined ? null : (u as Json)),
);

/** `.x // null`: a JSON value, null when absent, null or false. */
export const JqValue = lenient(
  'JqValue',
  (u): u is Json => u !== undefined && u !== false,
  (u) => (u === undefined || u === false ? null : (u as Json)),
);

/** A JSON string (the empty one included), else null. */
export const AnyString = lenient('AnyString', isStringOrNull, (u) => (typeof u === 'string' ? u : null));

/** A field read from a path of the object rather than its own key (`[]` is the object itself). */
export class PathField<A> extends t.Type<A, A> {
  constructor(
    readonly path: readonly string[],
    readonly codec: t.Type<A, A>,
  ) {
    super(`${path.join('.')}:${codec.name}`, codec.is, codec.validate, codec.encode);
  }
}
export const fromPath = <A>(path: readonly string[], codec: t.Type<A, A>): PathField<A> =>
  new PathField(path, codec);

/** A document that is either absent (null, kept as null) or read through its view. */
export const nullOr = <A>(view: t.Type<A, A>): t.Type<A | null, A | null> =>
  new t.Type<A | null, A | null>(
    `${view.name} | null`,
    (u): u is A | null => u === null || view.is(u),
    (u, c) => (u === null ? t.success(null) : view.validate(u, c)),
    t.identity,
  );

/** A document that is there only as an object (an array reads as `{}`); anything else is null. */
export const presentObject = <A>(view: t.Type<A, A>): t.Type<A | null, A | null> =>
  new t.Type<A | null, A | null>(
    `${view.name} | null`,
    (u): u is A | null => u === null || view.is(u),
    (u, c) => (u !== null && typeof u === 'object' ? view.validate(u, c) : t.success(null)),
    t.identity,
  );

type Fields = Readonly<Record<string, t.Mixed>>;
export type LenientView<P extends Fields> = { readonly [K in keyof P]: t.TypeOf<P[K]> };

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  u !== null && typeof u === 'object' && !Array.isArray(u);

/** The value at a path of plain objects, or undefined: the one place a view walks a document. */
const valueAt = (u: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((cur, key) => (isRecord(cur) ? cur[key] : undefined), u);

/** The value a field reads: its own key of the object (`{}` for a non-object), or its path. */
const rawOf = (u: unknown, k: string, codec: t.Mixed): unknown =>
  valueAt(u, codec instanceof PathField ? codec.path : [k]);

/** An object read field by field; anything that is not an object reads as `{}`. */
export const lenientObject = <P extends Fields>(
  props: P,
  name: string,
): t.Type<LenientView<P>, LenientView<P>> =>
  new t.Type<LenientView<P>, LenientView<P>>(
    name,
    (u): u is LenientView<P> => isRecord(u) && Object.entries(props).every(([k, c]) => c.is(u[k])),
    (u, c) => {
      const out: Record<string, unknown> = {};
      for (const [k, codec] of Object.entries(props)) {
        const raw = rawOf(u, k, codec);
        const r = codec.validate(raw, t.appendContext(c, k, codec, raw));
        if (E.isLeft(r)) return r;
        out[k] = r.right;
      }
      return t.success(out as LenientView<P>);
    },
    t.identity,
  );

/** Pure: a document through its lenient view (which cannot fail: every field has a reading). */
export const readView = <A>(view: t.Type<A, unknown>, u: unknown): A => {
  const r = view.decode(u);
  if (E.isLeft(r)) throw new Error(`${view.name}: a lenient view refused its input`);
  return r.right;
};
