// Readers outside TypeScript need the same contracts our io-ts codecs enforce, so `npm run contracts` walks
// each codec's runtime type and emits a JSON Schema (draft 2020-12). Runs at generation time only: a codec
// that cannot be expressed throws rather than producing a schema that lies.
import type * as t from 'io-ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A JSON Schema as a plain JSON object. */
export type JsonSchema = { [key: string]: JsonValue };

interface Ctx {
  /** Recursive codecs by name: their `$defs` entry (filled once built) and the codec that owns the name. */
  readonly defs: Map<string, JsonSchema>;
  readonly owners: Map<string, t.Mixed>;
}

type Handler = (codec: t.Mixed, ctx: Ctx) => JsonSchema;

const SCALARS = new Set(['string', 'number', 'integer', 'boolean']);
const OBJECT_KEYS = new Set(['type', 'properties', 'required', 'additionalProperties']);

const tagOf = (codec: t.Mixed): string => String((codec as { _tag?: unknown })._tag ?? 'untagged');
const isAbsent = (codec: t.Mixed): boolean => ['UndefinedType', 'VoidType'].includes(tagOf(codec));
const NEVER: JsonSchema = { not: {} };

const convert = (codec: t.Mixed, ctx: Ctx): JsonSchema => {
  const handler = handlers[tagOf(codec)];
  if (!handler)
    throw new Error(`toJsonSchema: io-ts ${tagOf(codec)} (codec "${codec.name}") has no JSON Schema`);
  return handler(codec, ctx);
};

/** Nested unions read as one flat list of members. */
const flatten = (types: readonly t.Mixed[]): t.Mixed[] =>
  types.flatMap((m) => (tagOf(m) === 'UnionType' ? flatten((m as t.UnionType<t.Mixed[]>).types) : [m]));

/** A property's schema, and whether its key may be absent (undefined alone or as a union member). */
const property = (codec: t.Mixed, ctx: Ctx): { schema: JsonSchema; optional: boolean } => {
  if (isAbsent(codec)) return { schema: NEVER, optional: true };
  if (tagOf(codec) !== 'UnionType') return { schema: convert(codec, ctx), optional: false };
  const members = flatten((codec as t.UnionType<t.Mixed[]>).types);
  const present = members.filter((m) => !isAbsent(m));
  return { schema: unionOf(present, ctx), optional: present.length < members.length };
};

/** The values of a union made only of literals, keyofs and null; undefined when any member is not one. */
const literalValues = (members: readonly t.Mixed[]): JsonValue[] | undefined => {
  const values: JsonValue[] = [];
  for (const m of members) {
    const tag = tagOf(m);
    if (tag === 'LiteralType') values.push((m as t.LiteralType<string | number | boolean>).value);
    else if (tag === 'KeyofType')
      values.push(...Object.keys((m as t.KeyofType<Record<string, unknown>>).keys).sort());
    else if (tag === 'NullType') values.push(null);
    else return undefined;
  }
  return values.filter((v, i) => values.indexOf(v) === i);
};

/** `{ type: [x, 'null'] }` for a plain scalar or null; undefined when the pair is not that simple. */
const nullableScalar = (schemas: readonly JsonSchema[]): JsonSchema | undefined => {
  if (schemas.length !== 2) return undefined;
  const other = schemas.find((s) => s.type !== 'null' || Object.keys(s).length !== 1);
  const nulls = schemas.filter((s) => s !== other);
  if (!other || nulls.length !== 1 || typeof other.type !== 'string' || !SCALARS.has(other.type))
    return undefined;
  if ('enum' in other || 'const' in other) return undefined;
  return { ...other, type: [other.type, 'null'] };
};

const unionOf = (members: readonly t.Mixed[], ctx: Ctx): JsonSchema => {
  const [first] = members;
  if (!first) return NEVER;
  if (members.length === 1) return convert(first, ctx);
  const values = literalValues(members);
  if (values) return { enum: values };
  const schemas = members.map((m) => convert(m, ctx));
  return nullableScalar(schemas) ?? { anyOf: schemas };
};

const objectOf = (props: t.Props, ctx: Ctx, requireAll: boolean): JsonSchema => {
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const key of Object.keys(props).sort()) {
    const { schema, optional } = property(props[key] as t.Mixed, ctx);
    properties[key] = schema;
    if (requireAll && !optional) required.push(key);
  }
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: true,
  };
};

/** An object schema that can be merged with others: only type/properties/required/additionalProperties. */
const isPlainObject = (s: JsonSchema): boolean =>
  s.type === 'object' &&
  Object.keys(s).every((k) => OBJECT_KEYS.has(k)) &&
  (s.additionalProperties === undefined || typeof s.additionalProperties === 'boolean');

const asRecord = (v: JsonValue | undefined): JsonSchema =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};

const mergeObjects = (schemas: readonly JsonSchema[]): JsonSchema => {
  const properties: JsonSchema = {};
  const required = new Set<string>();
  for (const s of schemas) {
    for (const [key, value] of Object.entries(asRecord(s.properties))) {
      const prev = properties[key];
      const same = prev === undefined || JSON.stringify(prev) === JSON.stringify(value);
      properties[key] = same ? value : { allOf: [prev, value] };
    }
    for (const key of Array.isArray(s.required) ? s.required : []) required.add(String(key));
  }
  const closed = schemas.every((s) => s.additionalProperties === false);
  const req = [...required].sort();
  return {
    type: 'object',
    properties,
    ...(req.length > 0 ? { required: req } : {}),
    additionalProperties: !closed,
  };
};

const dictionary: Handler = (codec, ctx) => {
  const { domain, codomain } = codec as t.DictionaryType<t.Mixed, t.Mixed>;
  const keys = literalValues(flatten([domain]));
  if (keys && keys.every((k) => typeof k === 'string')) {
    const props = Object.fromEntries(keys.map((k) => [k, codomain])) as t.Props;
    return { ...objectOf(props, ctx, true), additionalProperties: false };
  }
  const names = convert(domain, ctx);
  const plainNames = Object.keys(names).length === 1 && names.type === 'string';
  return {
    type: 'object',
    additionalProperties: convert(codomain, ctx),
    ...(plainNames ? {} : { propertyNames: names }),
  };
};

const refinement: Handler = (codec, ctx) => {
  const base = convert((codec as t.RefinementType<t.Mixed>).type, ctx);
  const isInt = codec.name === 'Int' || codec.name === 'Integer';
  return isInt && base.type === 'number' ? { ...base, type: 'integer' } : base;
};

/** JSON Pointer token escaping (~ and /), then URI-fragment encoding. */
const refTo = (name: string): string =>
  `#/$defs/${encodeURIComponent(name.replace(/~/g, '~0').replace(/\//g, '~1'))}`;

const recursive: Handler = (codec, ctx) => {
  const owner = ctx.owners.get(codec.name);
  if (owner !== undefined && owner !== codec) {
    throw new Error(`toJsonSchema: two different recursive codecs are both named "${codec.name}"`);
  }
  if (owner === undefined) {
    ctx.owners.set(codec.name, codec);
    ctx.defs.set(codec.name, {});
    ctx.defs.set(codec.name, convert((codec as t.RecursiveType<t.Mixed>).type, ctx));
  }
  return { $ref: refTo(codec.name) };
};

const inner = (codec: t.Mixed, ctx: Ctx): JsonSchema =>
  convert((codec as unknown as { readonly type: t.Mixed }).type, ctx);
const arrayOf: Handler = (codec, ctx) => ({ type: 'array', items: inner(codec, ctx) });
const absent: Handler = (codec) => {
  throw new Error(`toJsonSchema: ${tagOf(codec)} is only allowed as an object property or union member`);
};

const handlers: Readonly<Record<string, Handler>> = {
  StringType: () => ({ type: 'string' }),
  NumberType: () => ({ type: 'number' }),
  BooleanType: () => ({ type: 'boolean' }),
  NullType: () => ({ type: 'null' }),
  UndefinedType: absent,
  VoidType: absent,
  UnknownType: () => ({}),
  AnyType: () => ({}),
  LiteralType: (c) => ({ const: (c as t.LiteralType<string | number | boolean>).value }),
  KeyofType: (c) => ({ enum: Object.keys((c as t.KeyofType<Record<string, unknown>>).keys).sort() }),
  UnionType: (c, ctx) =>
    unionOf(
      flatten((c as t.UnionType<t.Mixed[]>).types).filter((m) => !isAbsent(m)),
      ctx,
    ),
  IntersectionType: (c, ctx) => {
    const schemas = (c as t.IntersectionType<t.Mixed[]>).types.map((m) => convert(m, ctx));
    return schemas.every(isPlainObject) ? mergeObjects(schemas) : { allOf: schemas };
  },
  InterfaceType: (c, ctx) => objectOf((c as t.InterfaceType<t.Props>).props, ctx, true),
  PartialType: (c, ctx) => objectOf((c as t.PartialType<t.Props>).props, ctx, false),
  ExactType: (c, ctx) => {
    const schema = inner(c, ctx);
    return isPlainObject(schema) ? { ...schema, additionalProperties: false } : schema;
  },
  StrictType: (c, ctx) => ({
    ...objectOf((c as t.StrictType<t.Props>).props, ctx, true),
    additionalProperties: false,
  }),
  ArrayType: arrayOf,
  ReadonlyArrayType: arrayOf,
  ReadonlyType: inner,
  DictionaryType: dictionary,
  RefinementType: refinement,
  RecursiveType: recursive,
  // t.UnknownRecord / t.UnknownArray carry the Any* tags at runtime; the Unknown* names are kept as aliases.
  AnyDictionaryType: () => ({ type: 'object' }),
  UnknownRecordType: () => ({ type: 'object' }),
  AnyArrayType: () => ({ type: 'array' }),
  UnknownArrayType: () => ({ type: 'array' }),
};

/** Pure: the JSON Schema of an io-ts codec, titled with its name; throws for a tag JSON cannot express. */
export function toJsonSchema(codec: t.Mixed): JsonSchema {
  const ctx: Ctx = { defs: new Map(), owners: new Map() };
  const schema = convert(codec, ctx);
  const result: JsonSchema = { title: codec.name, ...schema };
  if (ctx.defs.size > 0) result.$defs = Object.fromEntries(ctx.defs);
  return result;
}
