// Given promotion's locations, the document's source block and the CI summary name each file as the
// operator gave it, and a decision is recorded history-first.
import { describe, expect, it } from 'vitest';
import { orderEffects } from '../io/effects.js';
import type { PromotionDocument } from './promotion-decision.js';
import {
  ciFilesOf,
  promotionEffects,
  promotionSource,
  type Loc,
  type PromotionPaths,
} from './promotion-layout.js';

const at = (shown: string, file = `/abs/${shown}`): Loc => ({ shown, file, named: shown !== file });
const paths = {
  repo: '/repo',
  registry: at('/repo/r.json', '/repo/r.json'),
  fleetState: at('/repo/s.json', '/repo/s.json'),
  policyState: at('/repo/p.json', '/repo/p.json'),
  handoffState: at('/repo/h.json', '/repo/h.json'),
  policyTelemetry: at('pt.jsonl'),
  handoffTelemetry: at('ht.jsonl'),
  drillState: at('d.json'),
  promotionState: at('ps.json'),
  promotionTelemetry: at('pl.jsonl'),
  ciSummary: at('sum.md'),
  ciResult: at('res.json'),
  fleetStatus: null,
  named: new Set<string>(),
} satisfies PromotionPaths;

describe('given files named relative to the working directory', () => {
  it('the source block and the CI summary show them as given', () => {
    expect(promotionSource(paths, 'generated')).toEqual({
      repoPath: '/repo',
      fleetStatusSource: 'generated',
      fleetStatusFile: null,
      handoffTelemetryFile: 'ht.jsonl',
      drillStateFile: 'd.json',
      promotionStateFile: 'ps.json',
      promotionTelemetryFile: 'pl.jsonl',
    });
    expect(ciFilesOf(paths)).toEqual({
      resultFile: 'res.json',
      promotionStateFile: 'ps.json',
      promotionTelemetryFile: 'pl.jsonl',
    });
  });

  it('a decision is appended to the history before the state is replaced, with keys in stable order', () => {
    const doc = { summary: { decision: 'hold' }, schemaVersion: 'v1' } as unknown as PromotionDocument;
    const [first, second] = orderEffects(promotionEffects(paths, doc));
    expect(first).toEqual({ kind: 'append', path: '/abs/pl.jsonl', records: [doc] });
    const record = first?.kind === 'append' ? first.records[0] : null;
    expect(Object.keys(record ?? {})).toEqual(['schemaVersion', 'summary']);
    expect(second).toEqual({ kind: 'write', path: '/abs/ps.json', value: doc });
  });
});
