// Given a registry, a fleet state and the folded logs, when one policy run is decided, then the state,
// the history lines and the governance event come out as data, with the flag's window over the registry's.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { governanceAuditProjection } from './governance-audit.js';
import { handoffHistoryProjection } from './handoff-history.js';
import { policyHistoryProjection } from './policy-history.js';
import { policyRunEffects, policyRunOf } from './policy-run.js';
import { AS_OF, ms, result } from './policy-test-kit.js';
import { decodePolicyFleet } from './policy-views.js';
import { normalizeRegistry } from './registry-normalize.js';

const registry = (() => {
  const raw = { schemaVersion: 'v1', fleetId: 'f', loops: [{ loopId: 'a' }, { loopId: 'b' }] };
  const r = normalizeRegistry(raw, '/r.json', { asOfMs: ms(AS_OF) });
  if (E.isLeft(r)) throw new Error('invalid registry');
  return r.right;
})();

const files = {
  fleetStateFile: '/s.json',
  registryFile: '/r.json',
  policyStateFile: '/p.json',
  policyHistoryFile: '/h.jsonl',
  handoffTelemetryFile: '/t.jsonl',
  governanceAuditFile: '/g.jsonl',
};

const runOf = (dedupeWindowSeconds: number | undefined) =>
  policyRunOf({
    registry,
    fleet: decodePolicyFleet({
      fleetId: 'f',
      status: 'partial_failure',
      results: [result('a', 'failed', 'critical'), result('b', 'success', 'healthy')],
    }),
    history: policyHistoryProjection.initial,
    handoff: handoffHistoryProjection.initial,
    audit: governanceAuditProjection.initial,
    asOf: { iso: AS_OF, ms: ms(AS_OF) },
    traceId: 'tr',
    dedupeWindowSeconds,
    files,
  });

describe('a policy run over a failing loop', () => {
  it('raises its candidates and appends one history line per candidate', () => {
    const r = runOf(undefined);
    expect(r.state.candidateCount).toBeGreaterThan(0);
    expect(r.history).toHaveLength(r.state.candidateCount);
    expect(r.history.every((h) => h.loopId === 'a' && h.traceId === 'tr')).toBe(true);
    expect(r.telemetry).toMatchObject({ category: 'fleet_policy', traceId: 'tr', fleetId: 'f' });
  });
  it("takes the registry's dedupe window unless the flag gives one", () => {
    expect(runOf(undefined).state.noiseControls).toMatchObject({ dedupeWindowSeconds: 300 });
    expect(runOf(60).state.noiseControls).toMatchObject({ dedupeWindowSeconds: 60 });
  });
  it('records no governance event in advisory mode', () => {
    expect(runOf(undefined).audit).toEqual([]);
  });
  it("states the reference's governance keys: required for guarded_auto only, so present outside it", () => {
    const { autonomous } = runOf(undefined).state;
    expect(autonomous.governanceAuditFile).toBe('/g.jsonl');
    expect(autonomous.governance).toMatchObject({
      requiredForGuardedAuto: true,
      authorityContextPresent: true,
    });
    expect(autonomous.governance.reasonCodes).toEqual(runOf(60).state.autonomous.governance.reasonCodes);
  });
});

describe('a decided advisory run, recorded', () => {
  const r = runOf(undefined);
  const out = { policyStateFile: '/p.json', policyHistoryFile: '/h.jsonl', policyTelemetryFile: '/pt.jsonl' };
  it('replaces the state, appends history and telemetry, and appends no audit event', () => {
    expect(policyRunEffects(r, { ...out, governanceAuditFile: '/g.jsonl' })).toEqual([
      { kind: 'write', path: '/p.json', value: r.state, pretty: false },
      { kind: 'append', path: '/h.jsonl', records: r.history },
      { kind: 'append', path: '/pt.jsonl', records: [r.telemetry] },
    ]);
  });
});
