// Lenient codecs for the documents fleet reads the way the reference does: a field of the wrong type
// reads as absent instead of failing the whole document, so a half-written or hand-edited state still
// gives a status. They never fail, so decoding one is total and the decisions get typed fields.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

const isObject = (u: unknown): u is Record<string, unknown> =>
  u !== null && typeof u === 'object' && !Array.isArray(u);

const identity = <A>(a: A): A => a;

/** A lenient codec that always yields a value (a default where the input has none), so a view
 *  holds its key as required. */
export class Defaulted<A> extends t.Type<A, unknown, unknown> {
  readonly defaulted = true;
}

/** A number JSON can hold (JSON.parse turns 1e999 into Infinity, which the readers treat as absent). */
export const Finite = new t.Type<number, number, unknown>(
  'Finite',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => (typeof u === 'number' && Number.isFinite(u) ? t.success(u) : t.failure(u, c)),
  identity,
);

/** The value when `c` accepts it, else undefined: a wrong type reads as absent. */
export const loose = <C extends t.Mixed>(c: C): t.Type<t.TypeOf<C> | undefined, unknown, unknown> =>
  new t.Type<t.TypeOf<C> | undefined, unknown, unknown>(
    `loose(${c.name})`,
    (u): u is t.TypeOf<C> | undefined => u === undefined || c.is(u),
    (u, ctx) => {
      const r = c.validate(u, ctx);
      return t.success(E.isRight(r) ? (r.right as t.TypeOf<C>) : undefined);
    },
    identity,
  );

/** The strings of an array, other entries dropped; [] when not an array. */
export const StringList = new Defaulted<readonly string[]>(
  'StringList',
  (u): u is readonly string[] => Array.isArray(u) && u.every((x) => typeof x === 'string'),
  (u) => t.success(Array.isArray(u) ? u.filter((x): x is string => typeof x === 'string') : []),
  identity,
);

/** Any array as written (entries echoed untouched); [] when not an array. */
export const Echoes = new Defaulted<readonly unknown[]>(
  'Echoes',
  (u): u is readonly unknown[] => Array.isArray(u),
  (u) => t.success(Array.isArray(u) ? u : []),
  identity,
);

type Defined<C extends t.Mixed> = Exclude<t.TypeOf<C>, undefined>;

/** The array entries `c` decodes to a value (entries it rejects or reads as absent are dropped);
 *  [] when not an array. */
export const listOf = <C extends t.Mixed>(c: C): Defaulted<readonly Defined<C>[]> =>
  new Defaulted<readonly Defined<C>[]>(
    `listOf(${c.name})`,
    (u): u is readonly Defined<C>[] => Array.isArray(u) && u.every((x) => c.is(x)),
    (u, ctx) =>
      t.success(
        (Array.isArray(u) ? u : []).flatMap((x, i) => {
          const r = c.validate(x, t.appendContext(ctx, String(i), c, x));
          return E.isRight(r) && r.right !== undefined ? [r.right as Defined<C>] : [];
        }),
      ),
    identity,
  );

/** `c`, with a value it rejects, reads as absent or finds null replaced by `fallback` (jq's `//`). */
export const orElse = <A>(
  c: t.Type<A | undefined, unknown, unknown> | t.Type<A, unknown, unknown>,
  fallback: A,
) =>
  new Defaulted<A>(
    `orElse(${c.name})`,
    (u): u is A => c.is(u) && u !== undefined,
    (u, ctx) => {
      const r = c.validate(u, ctx);
      return t.success(E.isRight(r) && r.right !== undefined && r.right !== null ? (r.right as A) : fallback);
    },
    identity,
  );

/** `c` read the jq `//` way: false, like null and absent, gives `fallback`. */
export const jqOr = <A>(c: t.Type<A, unknown, unknown>, fallback: A): Defaulted<A> => {
  const inner = orElse(c, fallback);
  return new Defaulted<A>(
    `jqOr(${c.name})`,
    inner.is,
    (u, ctx) => (u === false ? t.success(fallback) : inner.validate(u, ctx)),
    identity,
  );
};

/** The value as written alongside what `c` reads of it, for outputs that echo input entries. */
export const echoing = <A>(c: t.Type<A, unknown, unknown>) =>
  new t.Type<{ readonly value: unknown; readonly read: A }, unknown, unknown>(
    `echoing(${c.name})`,
    (u): u is { readonly value: unknown; readonly read: A } => isObject(u) && 'value' in u && 'read' in u,
    (u, ctx) => {
      const r = c.validate(u, ctx);
      return E.isRight(r) ? t.success({ value: u, read: r.right }) : t.failure(u, ctx);
    },
    (a) => a.value,
  );

type DefaultedKeys<P extends t.Props> = {
  [K in keyof P]: P[K] extends { readonly defaulted: true } ? K : never;
}[keyof P];

/** What a view holds: defaulted keys always, the others when the input has them with the right type. */
export type View<P extends t.Props> = { readonly [K in DefaultedKeys<P>]: t.TypeOf<P[K]> } & {
  readonly [K in Exclude<keyof P, DefaultedKeys<P>>]?: Exclude<t.TypeOf<P[K]>, undefined>;
};

/** A number that reads as `fallback` when absent or of the wrong type. */
export const count = (fallback = 0) => orElse(Finite, fallback);

/** A flag that is true only when written as true (`=== true`). */
export const flag = orElse(t.boolean, false);

/** A string, or null when absent or of another type. */
export const text = orElse(nullable(t.string), null);

/** Any value as written, or null when absent (echoed by outputs). */
export const echo = orElse(t.unknown, null);

const readProps = <P extends t.Props>(props: P, u: Record<string, unknown>, ctx: t.Context): View<P> => {
  const out: Record<string, unknown> = {};
  for (const [k, c] of Object.entries(props)) {
    const r = loose(c).validate(u[k], t.appendContext(ctx, k, c, u[k]));
    if (E.isRight(r) && r.right !== undefined) out[k] = r.right;
  }
  return out as View<P>;
};

/** A plain object with each named key decoded loosely (absent when of the wrong type); undefined
 *  when the value is not a plain object. Keys not named are dropped: the view holds what is read. */
export const view = <P extends t.Props>(
  props: P,
  name: string,
): t.Type<View<P> | undefined, unknown, unknown> =>
  new t.Type<View<P> | undefined, unknown, unknown>(
    name,
    (u): u is View<P> | undefined => u === undefined || isObject(u),
    (u, ctx) => t.success(isObject(u) ? readProps(props, u, ctx) : undefined),
    identity,
  );

/** A view that reads a missing or non-object value as {} (every key at its default). */
export const section = <P extends t.Props>(props: P, name: string): Defaulted<View<P>> =>
  new Defaulted<View<P>>(
    name,
    (u): u is View<P> => isObject(u),
    (u, ctx) => t.success(readProps(props, isObject(u) ? u : {}, ctx)),
    identity,
  );

/** Pure: decodes with a codec that never fails (the lenient ones above). */
export const decodeLenient = <A>(c: t.Type<A, unknown, unknown>, u: unknown): A => {
  const r = c.decode(u);
  if (E.isLeft(r)) throw new Error(`lenient codec ${c.name} failed`);
  return r.right;
};
