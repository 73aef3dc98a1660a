// Given the promotion contracts (lib/fleet/promotion-registry.ts), when the commands run on the fixture
// fleets, then every file they write decodes with its contract, the well-formed fixture inputs decode
// with theirs, and each contract converts to a JSON Schema for contracts/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode } from '../../lib/core/codec.js';
import { toJsonSchema } from '../../lib/core/json-schema.js';
import { fleetPromotionContracts } from '../../lib/fleet/promotion-registry.js';
import { fleetPromotionProjections } from '../../lib/fleet/promotion-registry.js';
import { fleetDir, manifest, runPromotion, workCopy } from './promotion-test-fixtures.js';

const contract = (name: string) => {
  const c = fleetPromotionContracts[name];
  if (c === undefined) throw new Error(`no contract ${name}`);
  return c;
};
const decodes = (name: string, value: unknown) => {
  const got = decode(contract(name), value);
  expect(E.isRight(got) ? 'ok' : got.left).toBe('ok');
};

const { asOf, cases } = manifest();
let root = '';
let dispose = () => undefined as void;
beforeAll(() => ({ root, dispose } = workCopy()));
afterAll(() => dispose());

describe('the promotion contracts', () => {
  it.each(Object.keys(fleetPromotionContracts))('%s converts to a JSON Schema', (name) => {
    const schema = toJsonSchema(contract(name));
    expect(schema['type'] ?? schema['anyOf'] ?? schema['oneOf']).toBeDefined();
  });

  it.each(Object.keys(cases))('the state, history row and CI result written for %s decode', async (repo) => {
    const ran = await runPromotion(root, ['fleet', 'promotion-ci', '--repo', repo, '--as-of', asOf]);
    expect(ran.code).toBe(0);
    const dir = fleetDir(root, repo);
    decodes('fleet-promotion-state', JSON.parse(readFileSync(join(dir, 'promotion-state.json'), 'utf8')));
    const rows = readFileSync(join(dir, 'telemetry', 'promotion.jsonl'), 'utf8')
      .trimEnd()
      .split('\n');
    for (const row of rows) decodes('fleet-promotion-telemetry-line', JSON.parse(row));
    decodes(
      'fleet-promotion-ci-result',
      JSON.parse(readFileSync(join(dir, 'promotion-ci-result.json'), 'utf8')),
    );
  });

  it('a skipped CI result decodes', async () => {
    await runPromotion(root, [
      'fleet',
      'promotion-ci',
      '--repo',
      'missing-evidence',
      '--skip-on-missing-evidence',
      '--result-file',
      'skipped.json',
      '--as-of',
      asOf,
    ]);
    decodes('fleet-promotion-ci-result', JSON.parse(readFileSync(join(root, 'skipped.json'), 'utf8')));
  });

  it('the well-formed fixture inputs decode: drill evidence and autonomous execution rows', () => {
    const dir = fleetDir(root, 'promote');
    decodes(
      'fleet-promotion-drill-state',
      JSON.parse(readFileSync(join(dir, 'drills', 'promotion.v1.json'), 'utf8')),
    );
    const rows = readFileSync(join(dir, 'telemetry', 'handoff.jsonl'), 'utf8')
      .trimEnd()
      .split('\n');
    const executions = rows
      .map((l) => JSON.parse(l) as { category: string })
      .filter((r) => r.category === 'fleet_handoff_execute');
    expect(executions.length).toBeGreaterThan(20);
    for (const r of executions) decodes('fleet-promotion-handoff-execute-line', r);
  });

  it('registers each projection under its own name', () => {
    for (const [name, entry] of Object.entries(fleetPromotionProjections))
      expect(entry.projection.name).toBe(name);
  });
});
