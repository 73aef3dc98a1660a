import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { levelCounts, levelOf, rowOf, sortRows, sortSpecOf, withFailure } from './overview.js';
import type { LoopFacts, LoopRow } from './outputs.js';

const NOW = Date.parse('2026-02-22T12:00:00Z');

const facts = (over: Partial<LoopFacts> & { loopId: string }): LoopFacts => ({
  enabled: null,
  lifecycle: { state: 'running', confidence: 'high' },
  health: { status: 'healthy', reasonCodes: [], updatedAt: null },
  lastEvent: { at: '2026-02-22T11:59:00Z', name: 'role_end', line: 10 },
  eventLines: 10,
  cursor: { eventLineOffset: 8, eventLineCount: 8 },
  escalations: { open: 0, unkeyed: 0 },
  lastControl: null,
  problems: [],
  sources: { lifecycle: 'manager', health: 'manager', lastEvent: 'events', cursor: 'manager', note: null },
  ...over,
});

describe('a row', () => {
  it('carries the age of the last event and the lines not yet ingested', () => {
    const r = rowOf(facts({ loopId: 'a' }), NOW);
    expect(r.lastEventAgeSeconds).toBe(60);
    expect(r.pendingLines).toBe(2);
  });

  it('has no age without a parseable timestamp and no pending count without a cursor', () => {
    const r = rowOf(
      facts({ loopId: 'a', lastEvent: { at: 'yesterday', name: null, line: null }, cursor: null }),
      NOW,
    );
    expect(r.lastEventAgeSeconds).toBeNull();
    expect(r.pendingLines).toBeNull();
  });

  it('treats anything but the three health statuses as unknown', () => {
    expect(['critical', 'degraded', 'healthy', null, 'weird'].map(levelOf)).toEqual([
      'critical',
      'degraded',
      'healthy',
      'unknown',
      'unknown',
    ]);
  });
});

describe('sorting', () => {
  const rows: LoopRow[] = [
    rowOf(facts({ loopId: 'h' }), NOW),
    rowOf(facts({ loopId: 'c', health: { status: 'critical', reasonCodes: ['x'], updatedAt: null } }), NOW),
    rowOf(facts({ loopId: 'u', health: { status: null, reasonCodes: [], updatedAt: null } }), NOW),
    rowOf(
      facts({
        loopId: 'd2',
        health: { status: 'degraded', reasonCodes: [], updatedAt: null },
        escalations: { open: 2, unkeyed: 0 },
      }),
      NOW,
    ),
    rowOf(facts({ loopId: 'd1', health: { status: 'degraded', reasonCodes: [], updatedAt: null } }), NOW),
  ];

  it('puts the unhealthy first by default, more open escalations first among equals', () => {
    expect(sortRows(rows, sortSpecOf(null, null)).map((r) => r.loopId)).toEqual(['c', 'd2', 'd1', 'u', 'h']);
  });

  it('sorts by loop id either way, and keeps unknown values last', () => {
    expect(sortRows(rows, { key: 'loop', dir: 'asc' }).map((r) => r.loopId)).toEqual([
      'c',
      'd1',
      'd2',
      'h',
      'u',
    ]);
    const noAge = [
      ...rows,
      rowOf(facts({ loopId: 'a', lastEvent: { at: null, name: null, line: null } }), NOW),
    ];
    for (const dir of ['asc', 'desc'] as const)
      expect(sortRows(noAge, { key: 'age', dir }).at(-1)?.loopId).toBe('a');
  });

  it('falls back to the default for an unknown key', () => {
    expect(sortSpecOf('nope', 'sideways')).toEqual({ key: 'health', dir: 'desc' });
    expect(sortSpecOf('loop', null)).toEqual({ key: 'loop', dir: 'asc' });
  });

  test.prop(
    [
      fc.constantFrom(
        ...(['health', 'loop', 'lifecycle', 'age', 'cursor', 'escalations', 'control'] as const),
      ),
      fc.boolean(),
    ],
    {
      seed: Number(process.env.FC_SEED ?? 424242),
    },
  )('is a permutation and does not depend on the input order', (key, asc) => {
    const spec = { key, dir: asc ? ('asc' as const) : ('desc' as const) };
    const a = sortRows(rows, spec).map((r) => r.loopId);
    expect([...a].sort()).toEqual(rows.map((r) => r.loopId).sort());
    expect(sortRows([...rows].reverse(), spec).map((r) => r.loopId)).toEqual(a);
  });

  it('counts loops per level', () => {
    expect(levelCounts(rows)).toEqual({ critical: 1, degraded: 2, unknown: 1, healthy: 1 });
  });
});

describe('a loop whose refresh failed', () => {
  it('keeps its row and names the failure as a problem of its directory', () => {
    const row = rowOf(facts({ loopId: 'a' }), NOW);
    expect(withFailure(row, '.superloop/loops/a', null)).toBe(row);
    expect(withFailure(row, '.superloop/loops/a', 'EACCES').problems).toEqual([
      ...row.problems,
      { file: '.superloop/loops/a', kind: 'corrupt', reason: 'EACCES' },
    ]);
  });
});
