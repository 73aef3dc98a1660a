// A reconcile run as a decision: loop order, and the state it prints is exactly what it writes, with
// the telemetry line appended before the state is replaced (the executor's order).
import { describe, expect, it } from 'vitest';
import { orderEffects } from '../io/effects.js';
import type { LoopRun } from './reconcile.js';
import { reconcileOrder, reconcileRun } from './reconcile-run.js';
import type { FleetLoop } from './registry-types.js';
import { decodePassDocument } from './reconcile-views.js';

const loop = (loopId: string): FleetLoop => ({
  loopId,
  enabled: true,
  transport: 'local',
  sprite: {},
  service: { retryAttempts: 3, retryBackoffSeconds: 1 },
  metadata: {},
});
const pass = (l: FleetLoop): LoopRun => ({
  loop: l,
  traceId: `t-${l.loopId}`,
  startedAt: '2026-02-23T13:00:00Z',
  timestamp: '2026-02-23T13:00:02Z',
  durationSeconds: 2,
  precheck: null,
  ok: true,
  document: decodePassDocument({ health: { status: 'healthy', reasonCodes: [] } }),
  output: '',
  files: { stateFile: 's', healthFile: 'h', cursorFile: 'c', reconcileTelemetryFile: 'r' },
});
const fleetRun = {
  fleetId: 'fleet-1',
  traceId: 'trace-1',
  startedAt: '2026-02-23T13:00:00Z',
  updatedAt: '2026-02-23T13:00:03Z',
  durationSeconds: 3,
  execution: { maxParallel: 2, deterministicOrder: false, fromStart: false, maxEvents: 0 },
};

describe('given loops registered out of order', () => {
  const loops = [loop('loop-b'), loop('loop-a')];
  it('registry order is kept unless the order is asked to be deterministic', () => {
    expect(reconcileOrder(loops, false).map((l) => l.loopId)).toEqual(['loop-b', 'loop-a']);
    expect(reconcileOrder(loops, true).map((l) => l.loopId)).toEqual(['loop-a', 'loop-b']);
  });
});

describe('given two healthy loop passes', () => {
  const files = { stateFile: '/r/state.json', telemetryFile: '/r/reconcile.jsonl' };
  const { state, effects } = reconcileRun(fleetRun, [pass(loop('loop-a')), pass(loop('loop-b'))], files);
  it('when decided, the state written is the state printed, one line is appended, and the append comes first', () => {
    expect(state).toMatchObject({ fleetId: 'fleet-1', status: 'success', loopCount: 2 });
    expect(orderEffects(effects)).toEqual([
      {
        kind: 'append',
        path: '/r/reconcile.jsonl',
        records: [expect.objectContaining({ category: 'fleet_reconcile', status: 'success' })],
      },
      { kind: 'write', path: '/r/state.json', value: state, pretty: false },
    ]);
  });
});
