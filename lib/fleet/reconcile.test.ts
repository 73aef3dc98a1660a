// The fleet reconcile rollup and per-loop results, situation by situation: each fleet reason code,
// the reason a failed pass is given, and why a loop is not run at all.
import { describe, expect, it } from 'vitest';
import {
  fleetState,
  loopResult,
  type FleetLoopResult,
  type LoopStatus,
  loopTraceId,
  precheckOf,
  reasonFromHealth,
  reasonFromText,
  rollupOf,
  type LoopRun,
} from './reconcile.js';
import { decodePassDocument, decodePassHealth } from './reconcile-views.js';
import type { FleetLoop } from './registry-types.js';

const loop = (over: Partial<FleetLoop> = {}): FleetLoop => ({
  loopId: 'loop-a',
  enabled: true,
  transport: 'local',
  sprite: {},
  service: { retryAttempts: 3, retryBackoffSeconds: 1 },
  metadata: {},
  ...over,
});
const files = { stateFile: 's', healthFile: 'h', cursorFile: 'c', reconcileTelemetryFile: 'r' };
/** A pass as the runner hands it over: the printed document (raw here) decoded once. */
const run = ({
  document,
  ...over
}: Partial<Omit<LoopRun, 'document'>> & { document?: unknown } = {}): LoopRun => ({
  loop: loop(),
  traceId: 't-loop-a',
  startedAt: '2026-02-23T13:00:00Z',
  timestamp: '2026-02-23T13:00:02Z',
  durationSeconds: 2,
  precheck: null,
  ok: true,
  document: decodePassDocument(
    document === undefined
      ? { health: { status: 'healthy', reasonCodes: [] }, transition: { currentState: 'running' } }
      : document,
  ),
  output: '',
  files,
  ...over,
});
/** A loop result with the given outcome (the rest as a healthy pass reports it). */
const r = (status: LoopStatus, healthStatus = 'healthy'): FleetLoopResult => ({
  ...loopResult(run()),
  loopId: 'x',
  status,
  healthStatus,
});

describe('given the loop results of a fleet run', () => {
  it('all successful and healthy: success with no reason code', () => {
    expect(rollupOf([r('success'), r('success')])).toMatchObject({ status: 'success', reasonCodes: [] });
  });
  it('some failed, some succeeded: partial_failure with fleet_partial_failure', () => {
    expect(rollupOf([r('success'), r('failed', 'degraded')])).toMatchObject({
      status: 'partial_failure',
      reasonCodes: ['fleet_health_degraded', 'fleet_partial_failure'],
    });
  });
  it('every run loop failed: failed with fleet_reconcile_failed', () => {
    expect(rollupOf([r('failed', 'unknown'), r('skipped', 'unknown')])).toMatchObject({
      status: 'failed',
      reasonCodes: ['fleet_loop_skipped', 'fleet_reconcile_failed'],
    });
  });
  it('critical health outranks degraded health', () => {
    expect(rollupOf([r('success', 'degraded'), r('success', 'critical')]).reasonCodes).toEqual([
      'fleet_health_critical',
    ]);
  });
  it('a skipped loop alone is no failure', () => {
    expect(rollupOf([r('success'), r('skipped', 'unknown')])).toMatchObject({
      status: 'success',
      reasonCodes: ['fleet_loop_skipped'],
    });
  });
  it('the state counts each status and keeps the results in order', () => {
    const s = fleetState(
      {
        fleetId: 'f',
        traceId: 't',
        startedAt: 'a',
        updatedAt: 'b',
        durationSeconds: 3,
        execution: { maxParallel: 2, deterministicOrder: true, fromStart: false, maxEvents: 0 },
      },
      [r('success'), r('failed'), r('skipped')],
    );
    expect(s).toMatchObject({
      loopCount: 3,
      successCount: 1,
      failedCount: 1,
      skippedCount: 1,
      status: 'partial_failure',
    });
  });
});

describe('given a loop that is not run', () => {
  it('a disabled loop is skipped as loop_disabled', () => {
    expect(precheckOf(loop({ enabled: false }), true)).toBe('loop_disabled');
    expect(
      loopResult(
        run({ loop: loop({ enabled: false }), precheck: 'loop_disabled', ok: false, document: null }),
      ),
    ).toMatchObject({
      status: 'skipped',
      reconcileStatus: 'skipped',
      reasonCode: 'loop_disabled',
      healthStatus: 'unknown',
      enabled: false,
    });
  });
  it('a sprite_service loop without a base URL fails as missing_service_base_url', () => {
    expect(precheckOf(loop({ transport: 'sprite_service' }), true)).toBe('missing_service_base_url');
  });
  it('a loop whose token variable is unset fails as missing_service_token_env', () => {
    const l = loop({
      transport: 'sprite_service',
      service: { baseUrl: 'http://s', tokenEnv: 'TOK', retryAttempts: 3, retryBackoffSeconds: 1 },
    });
    expect(precheckOf(l, false)).toBe('missing_service_token_env');
    expect(precheckOf(l, true)).toBeNull();
  });
});

describe('given a loop pass', () => {
  it('that succeeded: health and transition come from the printed state', () => {
    expect(loopResult(run())).toMatchObject({
      status: 'success',
      healthStatus: 'healthy',
      transitionState: 'running',
      traceId: 't-loop-a',
    });
    expect(loopResult(run())).not.toHaveProperty('reasonCode');
  });
  it('that failed with a health document: the reference precedence picks the reason code', () => {
    const health = {
      status: 'degraded',
      reasonCodes: ['ingest_stale', 'transport_unreachable'],
      transport: { failureCode: 'snapshot_unavailable' },
    };
    expect(loopResult(run({ ok: false, document: health, output: 'error: reconcile failed' }))).toMatchObject(
      {
        status: 'failed',
        reasonCode: 'transport_unreachable',
        healthStatus: 'degraded',
        healthReasonCodes: ['ingest_stale', 'transport_unreachable'],
        outputExcerpt: 'error: reconcile failed',
      },
    );
  });
  it.each([
    [{ reasonCodes: ['projection_failed'] }, 'projection_failed'],
    [{ reasonCodes: [], transport: { failureCode: 'events_unavailable' } }, 'transport_unreachable'],
    [
      { reasonCodes: [], transport: { failureCode: 'service_response_invalid' } },
      'invalid_transport_payload',
    ],
    [{ reasonCodes: [], transport: { failureCode: 'cursor_ahead' } }, 'cursor_ahead'],
    [{ reasonCodes: [] }, null],
  ])('health %j gives reason %s', (health, reason) => {
    expect(reasonFromHealth(decodePassHealth(health))).toBe(reason);
  });
  it.each([
    ['error: required artifact missing: /x/events.jsonl', 'missing_runtime_artifacts'],
    ['error: connection refused', 'transport_unreachable'],
    ['error: invalid threshold catalog JSON', 'invalid_transport_payload'],
    ['error: lock held by another process', 'reconcile_failed'],
  ])('without a document, "%s" gives %s', (text, reason) => {
    expect(reasonFromText(text)).toBe(reason);
  });
  it('an excerpt is whitespace-collapsed and at most 600 characters', () => {
    const res = loopResult(run({ ok: false, document: null, output: `a\n\n  b ${'x'.repeat(900)}` }));
    expect(String(res['outputExcerpt']).startsWith('a b x')).toBe(true);
    expect(String(res['outputExcerpt'])).toHaveLength(600);
  });
  it('a loop trace id replaces characters outside [a-zA-Z0-9._-]', () => {
    expect(loopTraceId('trace-1', 'loop a/b')).toBe('trace-1-loop-a-b');
  });
});
