// The committed contracts/*.schema.json must match what the codecs generate today; otherwise readers outside
// TypeScript validate against a contract the code no longer honours.
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { contractCodecs } from '../lib/contracts-registry.js';
import { readContractsDir } from './contracts.js';
import { contractDrift, renderContracts } from './contracts-render.js';

describe('committed contracts', () => {
  it('match the registered codecs', () => {
    const drift = contractDrift(renderContracts(contractCodecs), readContractsDir());
    const problems = [
      ...drift.stale.map((n) => `contracts/${n} is stale`),
      ...drift.missing.map((n) => `contracts/${n} is missing`),
      ...drift.extra.map((n) => `contracts/${n} has no codec`),
    ];
    expect(problems, `${problems.join('; ')}: run npm run contracts`).toEqual([]);
  });
});

describe('renderContracts', () => {
  const Sample = t.type({ zeta: t.string, alpha: t.partial({ b: t.number, a: t.boolean }) }, 'Sample');

  it('renders sorted-key JSON with $schema, $id and a trailing newline', () => {
    const files = renderContracts({ sample: Sample });
    expect([...files.keys()]).toEqual(['sample.schema.json']);
    const text = files.get('sample.schema.json') ?? '';
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "$id": "opsfold/contracts/sample.schema.json",\n');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(parsed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(parsed.title).toBe('Sample');
    const keysInOrder = (v: unknown): void => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
      const keys = Object.keys(v);
      expect(keys).toEqual([...keys].sort());
      Object.values(v).forEach(keysInOrder);
    };
    keysInOrder(parsed);
    expect(Object.keys(parsed)).toEqual([
      '$id',
      '$schema',
      'additionalProperties',
      'properties',
      'required',
      'title',
      'type',
    ]);
  });

  it('handles an empty registry and rejects names that are not file stems', () => {
    expect(renderContracts({}).size).toBe(0);
    expect(() => renderContracts({ '../escape': Sample })).toThrow(/file stem/);
  });

  it('reports stale, missing and extra files', () => {
    const rendered = renderContracts({ a: t.string, b: t.number });
    const onDisk = new Map([
      ['a.schema.json', 'old\n'],
      ['c.schema.json', '{}\n'],
    ]);
    expect(contractDrift(rendered, onDisk)).toEqual({
      stale: ['a.schema.json'],
      missing: ['b.schema.json'],
      extra: ['c.schema.json'],
    });
  });
});
