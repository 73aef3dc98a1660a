// Given the horizon bridge contracts (lib/fleet/horizon-contracts.ts), when the bridge runs over valid
// and broken outbox files, then every file it writes decodes with its contract, a valid envelope decodes
// with the envelope contract, and each contract converts to a JSON Schema for contracts/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode } from '../../lib/core/codec.js';
import { toJsonSchema } from '../../lib/core/json-schema.js';
import { fleetHorizonContracts } from '../../lib/fleet/horizon-contracts.js';
import { runCaptured } from '../cli/capture.js';
import { fleetHorizonBridge } from './horizon-bridge.js';

const asOf = '2026-03-01T10:00:00Z';
const valid = JSON.stringify({
  schemaVersion: 'v1',
  traceId: 'tr-1',
  packet: { packetId: 'pkt-1', recipient: { type: 'human', id: 'a' }, intent: 'review' },
  evidenceRefs: ['ev://1'],
  extra: 1,
});
let repo = '';
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'opsfold-horizon-contracts-'));
  const outbox = join(repo, '.superloop', 'horizons', 'outbox');
  mkdirSync(outbox, { recursive: true });
  writeFileSync(join(outbox, 'a.jsonl'), `${valid}\n`);
  writeFileSync(join(outbox, 'b.jsonl'), '{"schemaVersion":"v2"}\nnot json\n');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const contract = (name: string) => {
  const c = fleetHorizonContracts[name];
  if (c === undefined) throw new Error(`no contract ${name}`);
  return c;
};
const decodes = (name: string, value: unknown) => {
  const got = decode(contract(name), value);
  expect(E.isRight(got) ? 'ok' : got.left).toBe('ok');
};
const fleet = (...p: string[]) => join(repo, '.superloop', 'ops-manager', 'fleet', ...p);
const read = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe('the horizon bridge contracts', () => {
  it.each(Object.keys(fleetHorizonContracts))('%s converts to a JSON Schema', (name) => {
    const schema = toJsonSchema(contract(name));
    expect(schema['type'] ?? schema['anyOf'] ?? schema['oneOf']).toBeDefined();
  });

  it('the queue, state and telemetry written by a run decode; a valid envelope decodes', async () => {
    const ran = await runCaptured(
      [fleetHorizonBridge],
      ['fleet', 'horizon-bridge', '--repo', repo, '--as-of', asOf],
      {
        cwd: repo,
        env: {},
        now: () => Date.parse(asOf),
      },
    );
    expect(ran.code).toBe(2);
    decodes('fleet-horizon-envelope-line', JSON.parse(valid));
    decodes('fleet-horizon-bridge-queue', read(fleet('horizon-bridge-queue.json')));
    decodes('fleet-horizon-bridge-state', read(fleet('horizon-bridge-state.json')));
    const lines = readFileSync(fleet('telemetry', 'horizon-bridge.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) decodes('fleet-horizon-bridge-telemetry-line', JSON.parse(line));
  });
});
