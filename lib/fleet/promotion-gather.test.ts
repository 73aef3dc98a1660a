// Promotion's evidence read through memory ports: missing evidence holds the decision with its reason
// code, a broken drill file is invalid evidence, and a missing fleet state or a non-object state
// document stops the evaluation with its `error:` line.
import { describe, expect, it } from 'vitest';
import { FleetError } from './fleet-error.js';
import { DEFAULT_PROMOTION_THRESHOLDS } from './promotion-decision.js';
import {
  evaluatePromotion,
  readDrillEvidence,
  type DocAnswer,
  type PromotionReads,
} from './promotion-gather.js';
import type { Loc, PromotionPaths } from './promotion-layout.js';

const loc = (name: string): Loc => ({ shown: name, file: `/repo/${name}`, named: false });
const paths: PromotionPaths = {
  repo: '/repo',
  registry: loc('registry.v1.json'),
  fleetState: loc('state.json'),
  policyState: loc('policy-state.json'),
  handoffState: loc('handoff-state.json'),
  policyTelemetry: loc('policy.jsonl'),
  handoffTelemetry: loc('handoff.jsonl'),
  drillState: loc('drills.json'),
  promotionState: loc('promotion-state.json'),
  promotionTelemetry: loc('promotion.jsonl'),
  ciSummary: loc('summary.md'),
  ciResult: loc('result.json'),
  fleetStatus: null,
  named: new Set(),
};
const reads = (docs: Record<string, DocAnswer>): PromotionReads => ({
  exists: async (file) => file.slice('/repo/'.length) in docs,
  doc: async (l) => docs[l.shown] ?? { kind: 'missing' },
  foldWhole: async () => {
    throw new Error('no logs in this test');
  },
});
const fleet: Record<string, DocAnswer> = {
  'state.json': { kind: 'found', value: {} },
  'registry.v1.json': {
    kind: 'found',
    value: { schemaVersion: 'v1', fleetId: 'f', loops: [{ loopId: 'a' }] },
  },
};
const o = {
  thresholds: DEFAULT_PROMOTION_THRESHOLDS,
  asOf: { ms: Date.parse('2026-03-01T00:00:00Z'), iso: '2026-03-01T00:00:00Z' },
  traceId: 't',
};

describe('given a fleet without handoff telemetry or drill evidence', () => {
  it('holds with the missing-evidence reason codes and names its sources', async () => {
    const doc = await evaluatePromotion(reads(fleet), paths, o);
    expect(doc.summary.decision).toBe('hold');
    expect(doc.summary.reasonCodes).toEqual(
      expect.arrayContaining(['promotion_handoff_telemetry_missing', 'promotion_drill_state_missing']),
    );
    expect(doc.source).toMatchObject({ fleetStatusSource: 'generated', drillStateFile: 'drills.json' });
  });
});

describe('given a drill file that does not parse', () => {
  it('is invalid evidence carrying the problem line', async () => {
    const r = reads({ 'drills.json': { kind: 'problem', detail: 'drills.json:1:0: Unexpected token' } });
    expect(await readDrillEvidence(r, paths)).toEqual({
      kind: 'invalid',
      reason: 'drills.json:1:0: Unexpected token',
    });
  });
});

describe('given a fleet whose state cannot give a status', () => {
  it('a missing fleet state stops the evaluation', async () => {
    await expect(evaluatePromotion(reads({}), paths, o)).rejects.toThrow(FleetError);
    await expect(evaluatePromotion(reads({}), paths, o)).rejects.toThrow(
      'fleet state file not found: state.json',
    );
  });

  it('a policy state that is not an object stops it with the file named', async () => {
    const r = reads({ ...fleet, 'policy-state.json': { kind: 'found', value: [1] } });
    await expect(evaluatePromotion(r, paths, o)).rejects.toMatchObject({
      errorLine: 'invalid policy state JSON: policy-state.json',
      details: ['policy-state.json: not a JSON object'],
    });
  });
});
