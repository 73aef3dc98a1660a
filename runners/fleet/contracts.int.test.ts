// Every fleet artifact the commands write satisfies the contract it is published under
// (contracts/fleet-*.schema.json come from these codecs), and the fixture registries satisfy theirs.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { decode } from '../../lib/core/codec.js';
import { fleetContracts } from '../../lib/fleet/registry.js';
import { AS_OF, fleetFile, jsonl, useKit, readJson } from './fleet-test-kit.js';

const kit = useKit();

const holds = (name: string, value: unknown) => {
  const codec = fleetContracts[name] as t.Mixed;
  const r = decode(codec, value);
  expect(E.isRight(r) ? 'ok' : `${name}: ${r.left.message}`).toBe('ok');
};

describe('given a fleet taken through every command', () => {
  it('each document and telemetry line decodes with its contract codec', async () => {
    const repo = kit.fixture('kill-switch');
    await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF]);
    await kit.json(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF]);
    await kit.json([
      'fleet',
      'handoff',
      '--repo',
      repo,
      '--as-of',
      AS_OF,
      '--execute',
      '--confirm',
      '--by',
      'op',
    ]);
    const status = await kit.json(['fleet', 'status', '--repo', repo, '--as-of', AS_OF]);
    holds('fleet-registry', readJson(fleetFile(repo, 'registry.v1.json')));
    holds('fleet-state', readJson(fleetFile(repo, 'state.json')));
    holds('fleet-policy-state', readJson(fleetFile(repo, 'policy-state.json')));
    holds('fleet-handoff-state', readJson(fleetFile(repo, 'handoff-state.json')));
    holds('fleet-status', status);
    const lines: [string, string][] = [
      ['fleet-reconcile-line', 'reconcile.jsonl'],
      ['fleet-policy-line', 'policy.jsonl'],
      ['fleet-policy-history-line', 'policy-history.jsonl'],
      ['fleet-policy-governance-line', 'policy-governance.jsonl'],
      ['fleet-handoff-line', 'handoff.jsonl'],
    ];
    for (const [name, file] of lines) {
      const records = jsonl(fleetFile(repo, 'telemetry', file));
      expect(records.length, file).toBeGreaterThan(0);
      for (const r of records) holds(name, r);
    }
  });

  it('the status of a fleet with no policy run yet (autonomous: null) decodes too', async () => {
    const repo = kit.fixture('healthy');
    await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF]);
    const status = (await kit.json(['fleet', 'status', '--repo', repo, '--as-of', AS_OF])) as {
      autonomous: unknown;
    };
    expect(status.autonomous).toBeNull();
    holds('fleet-status', status);
  });

  it.each([
    'healthy',
    'partial-failure',
    'kill-switch',
    'canary-10',
    'autopause-tripped',
    'governance-expired',
  ])('the %s registry decodes as a fleet registry', (name) => {
    holds('fleet-registry', readJson(fleetFile(kit.fixture(name), 'registry.v1.json')));
  });
});
