// One case per io-ts tag the contract generator maps, plus a realistic nested codec and the failure mode.
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { toJsonSchema, type JsonSchema } from './json-schema.js';

/** The schema without the top-level title, for compact expectations. */
const body = (codec: t.Mixed): JsonSchema => {
  const { title: _title, ...rest } = toJsonSchema(codec);
  return rest;
};

describe('toJsonSchema scalars', () => {
  it('StringType', () => expect(toJsonSchema(t.string)).toEqual({ title: 'string', type: 'string' }));
  it('NumberType', () => expect(body(t.number)).toEqual({ type: 'number' }));
  it('BooleanType', () => expect(body(t.boolean)).toEqual({ type: 'boolean' }));
  it('NullType', () => expect(body(t.null)).toEqual({ type: 'null' }));
  it('UnknownType', () => expect(body(t.unknown)).toEqual({}));
  it('AnyType', () => expect(body(t.any)).toEqual({}));
  it('LiteralType', () => expect(body(t.literal('run'))).toEqual({ const: 'run' }));
  it('KeyofType sorts its keys', () =>
    expect(body(t.keyof({ b: null, a: null }))).toEqual({ enum: ['a', 'b'] }));
  it('UnknownRecordType', () => expect(body(t.UnknownRecord)).toEqual({ type: 'object' }));
  it('UnknownArrayType', () => expect(body(t.UnknownArray)).toEqual({ type: 'array' }));
});

describe('toJsonSchema UndefinedType', () => {
  it('makes a property optional, alone or inside a union', () => {
    const codec = t.type({ a: t.union([t.string, t.undefined]), b: t.undefined, c: t.number });
    expect(body(codec)).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { not: {} }, c: { type: 'number' } },
      required: ['c'],
      additionalProperties: true,
    });
  });

  it('cannot stand alone', () => expect(() => toJsonSchema(t.undefined)).toThrow(/UndefinedType/));
});

describe('toJsonSchema UnionType', () => {
  it('collapses literals (and null) into one enum', () => {
    const codec = t.union([t.literal('a'), t.literal(2), t.literal(true), t.null]);
    expect(body(codec)).toEqual({ enum: ['a', 2, true, null] });
  });

  it('turns a scalar or null into a type pair', () => {
    expect(body(t.union([t.string, t.null]))).toEqual({ type: ['string', 'null'] });
    expect(body(t.union([t.null, t.Int]))).toEqual({ type: ['integer', 'null'] });
  });

  it('falls back to anyOf, flattening nested unions', () => {
    const codec = t.union([t.string, t.union([t.array(t.number), t.null])]);
    expect(body(codec)).toEqual({
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'number' } }, { type: 'null' }],
    });
  });
});

describe('toJsonSchema objects', () => {
  it('InterfaceType: sorted required, open to extra keys', () => {
    expect(body(t.type({ z: t.string, a: t.number }))).toEqual({
      type: 'object',
      properties: { a: { type: 'number' }, z: { type: 'string' } },
      required: ['a', 'z'],
      additionalProperties: true,
    });
  });

  it('PartialType: nothing required', () => {
    expect(body(t.partial({ a: t.string }))).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      additionalProperties: true,
    });
  });

  it('ExactType closes the inner object', () => {
    expect(body(t.exact(t.type({ a: t.string })))).toMatchObject({
      required: ['a'],
      additionalProperties: false,
    });
  });

  it('StrictType closes the object', () => {
    expect(body(t.strict({ a: t.string }))).toMatchObject({ required: ['a'], additionalProperties: false });
  });

  it('IntersectionType merges object members', () => {
    const codec = t.intersection([t.exact(t.type({ a: t.string })), t.exact(t.partial({ b: t.number }))]);
    expect(body(codec)).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'number' } },
      required: ['a'],
      additionalProperties: false,
    });
  });

  it('IntersectionType uses allOf for anything else', () => {
    const codec = t.intersection([t.type({ a: t.string }), t.record(t.string, t.number)]);
    expect(body(codec)).toEqual({
      allOf: [
        {
          type: 'object',
          properties: { a: { type: 'string' } },
          required: ['a'],
          additionalProperties: true,
        },
        { type: 'object', additionalProperties: { type: 'number' } },
      ],
    });
  });

  it('DictionaryType: value schema as additionalProperties, finite keys as properties', () => {
    expect(body(t.record(t.string, t.boolean))).toEqual({
      type: 'object',
      additionalProperties: { type: 'boolean' },
    });
    expect(body(t.record(t.keyof({ x: null, y: null }), t.number))).toEqual({
      type: 'object',
      properties: { x: { type: 'number' }, y: { type: 'number' } },
      required: ['x', 'y'],
      additionalProperties: false,
    });
  });
});

describe('toJsonSchema wrappers', () => {
  it('ArrayType', () =>
    expect(body(t.array(t.string))).toEqual({ type: 'array', items: { type: 'string' } }));
  it('ReadonlyArrayType', () =>
    expect(body(t.readonlyArray(t.number))).toEqual({ type: 'array', items: { type: 'number' } }));
  it('ReadonlyType', () =>
    expect(body(t.readonly(t.type({ a: t.null })))).toMatchObject({ required: ['a'] }));

  it('RefinementType keeps the inner schema; t.Int becomes integer', () => {
    interface PositiveBrand {
      readonly Positive: unique symbol;
    }
    const Positive = t.brand(t.number, (n): n is t.Branded<number, PositiveBrand> => n > 0, 'Positive');
    expect(body(Positive)).toEqual({ type: 'number' });
    expect(toJsonSchema(t.Int)).toEqual({ title: 'Int', type: 'integer' });
  });

  it('RecursiveType: a $defs entry and a $ref, so recursion terminates', () => {
    interface Tree {
      readonly label: string;
      readonly children: readonly Tree[];
    }
    const Tree: t.Type<Tree> = t.recursion('Tree', (self) =>
      t.type({ label: t.string, children: t.readonlyArray(self) }),
    );
    expect(toJsonSchema(t.type({ root: Tree }, 'Forest'))).toEqual({
      title: 'Forest',
      type: 'object',
      properties: { root: { $ref: '#/$defs/Tree' } },
      required: ['root'],
      additionalProperties: true,
      $defs: {
        Tree: {
          type: 'object',
          properties: {
            children: { type: 'array', items: { $ref: '#/$defs/Tree' } },
            label: { type: 'string' },
          },
          required: ['children', 'label'],
          additionalProperties: true,
        },
      },
    });
  });
});

describe('toJsonSchema on a realistic codec', () => {
  it('maps a nested run record', () => {
    const Status = t.union([t.literal('running'), t.literal('done'), t.literal('failed')]);
    const Step = t.exact(
      t.intersection([
        t.type({ id: t.string, attempts: t.Int }),
        t.partial({ note: t.union([t.string, t.null]) }),
      ]),
    );
    const Run = t.exact(
      t.type({
        run: t.string,
        status: Status,
        steps: t.readonlyArray(Step),
        labels: t.record(t.string, t.string),
      }),
      'RunRecord',
    );
    expect(toJsonSchema(Run)).toEqual({
      title: 'RunRecord',
      type: 'object',
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        run: { type: 'string' },
        status: { enum: ['running', 'done', 'failed'] },
        steps: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              attempts: { type: 'integer' },
              id: { type: 'string' },
              note: { type: ['string', 'null'] },
            },
            required: ['attempts', 'id'],
            additionalProperties: false,
          },
        },
      },
      required: ['labels', 'run', 'status', 'steps'],
      additionalProperties: false,
    });
  });
});

describe('toJsonSchema failures', () => {
  it('throws for an unsupported tag, naming it', () => {
    expect(() => toJsonSchema(t.type({ f: t.Function }))).toThrow(/FunctionType/);
    expect(() => toJsonSchema(t.tuple([t.string]))).toThrow(/TupleType/);
  });
});
