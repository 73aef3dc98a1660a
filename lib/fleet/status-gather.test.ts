// Fleet status's reads over memory ports: each document decoded once by its lenient view, absent
// documents read as undefined, and the telemetry lines decoded as status reads them.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import type { FleetPaths } from './layout.js';
import { gatherStatus, type StatusReads } from './status-gather.js';

const p = {
  stateFile: '/f/state.json',
  policyStateFile: '/f/policy-state.json',
  handoffStateFile: '/f/handoff-state.json',
  reconcileTelemetryFile: '/f/reconcile.jsonl',
  handoffTelemetryFile: '/f/handoff.jsonl',
} as FleetPaths;

const decoded = <A>(codec: t.Type<A, unknown, unknown>, u: unknown): A => {
  const r = codec.decode(u);
  if (E.isLeft(r)) throw new Error('lenient views never refuse');
  return r.right;
};

const reads = (docs: Record<string, unknown>): StatusReads => ({
  required: async (file, codec, lines) => {
    if (!(file in docs)) throw new Error(lines.missing);
    return decoded(codec, docs[file]);
  },
  optional: async (file, codec) => (file in docs ? decoded(codec, docs[file]) : null),
  lastLine: async (file) => docs[file] ?? null,
});

describe('given only a fleet state, with a field of the wrong type', () => {
  it('decodes it leniently and reads the absent states and telemetry as undefined', async () => {
    const docs = await gatherStatus(
      reads({ '/f/state.json': { fleetId: 7, status: 'success', results: [] } }),
      p,
    );
    expect(docs.fleet).toMatchObject({ status: 'success', results: [] });
    expect(docs.fleet.fleetId).toBeUndefined();
    expect(docs.policy).toBeUndefined();
    expect(docs.handoff).toBeUndefined();
    expect(docs.lastReconcileTelemetry).toBeUndefined();
  });
});

describe('given no fleet state', () => {
  it('fails with the missing line', async () => {
    await expect(gatherStatus(reads({}), p)).rejects.toThrow('fleet state file not found: /f/state.json');
  });
});

describe('given a policy state that is not an object and a reconcile line', () => {
  it('the policy reads as absent and the line as written', async () => {
    const docs = await gatherStatus(
      reads({
        '/f/state.json': {},
        '/f/policy-state.json': [1],
        '/f/reconcile.jsonl': { timestamp: 't', status: 'success', reasonCodes: [] },
      }),
      p,
    );
    expect(docs.policy).toBeUndefined();
    expect(docs.lastReconcileTelemetry).toMatchObject({ status: 'success' });
  });
});
