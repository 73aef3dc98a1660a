// A fleet reconcile over memory ports: which loops run and with which flags, a pass that throws being
// a failed loop, and the rollup with the effects that record it.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  reconcileFleet,
  type FleetReconcileOptions,
  type FleetReconcilePorts,
  type LoopPassValues,
} from './reconcile-fleet.js';
import { normalizeRegistry } from './registry-normalize.js';

const registry = () => {
  const loops = [
    { loopId: 'b-loop' },
    { loopId: 'a-loop', transport: 'sprite_service', service: { baseUrl: 'http://s', tokenEnv: 'TOK' } },
    { loopId: 'off', enabled: false },
  ];
  const r = normalizeRegistry({ schemaVersion: 'v1', fleetId: 'f', loops }, '/r', { asOfMs: 0 });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
const options: FleetReconcileOptions = {
  repo: '/repo',
  fleetTraceId: 'ft',
  maxParallel: 2,
  deterministicOrder: true,
  maxEvents: undefined,
  fromStart: false,
  asOf: undefined,
  stateDir: undefined,
  files: { stateFile: '/repo/state.json', telemetryFile: '/repo/reconcile.jsonl' },
};
const ports = (pass: FleetReconcilePorts['pass'], env: Record<string, string> = { TOK: 't' }) => ({
  pass,
  loopDir: (id: string) => `/repo/.superloop/ops-manager/${id}`,
  env,
  iso: () => '2026-03-01T00:00:00Z',
  now: () => 0,
});
const healthy = { health: { status: 'healthy', reasonCodes: [] }, transition: { currentState: 'running' } };

describe('given a registry of three loops', () => {
  it('runs the enabled loops with their trace ids and transport flags, skipping the disabled one', async () => {
    const seen: LoopPassValues[] = [];
    const r = await reconcileFleet(
      registry(),
      options,
      ports(async (v) => {
        seen.push(v);
        return E.right({ ok: true, document: healthy, failureCode: undefined, notes: [] });
      }),
    );
    expect(seen.map((v) => v['trace-id'])).toEqual(['ft-a-loop', 'ft-b-loop']);
    expect(seen[0]).toMatchObject({
      transport: 'sprite_service',
      'service-base-url': 'http://s',
      'service-token-env': 'TOK',
    });
    expect(JSON.stringify(seen)).not.toContain('"t"');
    expect(r.state.results.map((x) => [x.loopId, x.status])).toEqual([
      ['a-loop', 'success'],
      ['b-loop', 'success'],
      ['off', 'skipped'],
    ]);
    expect(r.effects.map((e) => [e.kind, 'path' in e ? e.path : ''])).toEqual([
      ['write', '/repo/state.json'],
      ['append', '/repo/reconcile.jsonl'],
    ]);
  });

  it('a pass that throws, or a loop whose token is not set, is a failed loop and the fleet still rolls up', async () => {
    const r = await reconcileFleet(
      registry(),
      options,
      ports(async () => E.left('error: loop lock held'), {}),
    );
    expect(r.state.results.map((x) => [x.loopId, x.status, x.reasonCode])).toEqual([
      ['a-loop', 'failed', 'missing_service_token_env'],
      ['b-loop', 'failed', expect.any(String)],
      ['off', 'skipped', 'loop_disabled'],
    ]);
    expect(r.state.status).toBe('failed');
  });
});
