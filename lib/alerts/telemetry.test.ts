// Telemetry lines keep the reference's keys, including where it keeps a null and where it drops one.
import { describe, expect, it } from 'vitest';
import type { Escalation } from './escalation.js';
import {
  dispatchCommandFailedLine,
  invalidJsonLine,
  invalidRouteLine,
  routeFailedLine,
  skippedLine,
} from './telemetry.js';

const lc = {
  timestamp: '2026-02-22T12:00:00Z',
  loopId: 'demo-loop',
  traceId: 'trace-fixed',
  escalationLine: 3,
};
const e: Escalation = {
  value: { category: 'health_degraded' },
  category: 'health_degraded',
  severity: null,
  timestamp: '',
  loopId: null,
  traceId: null,
};
const retry = { deliveryRun: 1, retryPending: true };

describe('a route_resolution_failed line', () => {
  it('drops an empty escalation timestamp and message, and falls back to the run trace id', () => {
    const line = routeFailedLine(lc, e, '', retry);
    expect('escalationTimestamp' in line || 'message' in line).toBe(false);
    expect(line).toMatchObject({
      escalationTraceId: 'trace-fixed',
      reasonCode: 'route_resolution_failed',
      escalationLine: 3,
    });
  });
});

describe('an invalid_route_resolution line', () => {
  it('keeps the raw output as its message even when empty (the reference does not drop nulls here)', () => {
    expect(invalidRouteLine(lc, e, '', retry).message).toBe('');
  });
});

describe('a skipped line', () => {
  it('carries the route and zero sink counts', () => {
    const line = skippedLine(
      lc,
      { ...e, timestamp: 't' },
      { severity: 'info', route: { shouldDispatch: false } },
      'severity_below_min',
    );
    expect(line).toMatchObject({
      status: 'skipped',
      eventSeverity: 'info',
      escalationTimestamp: 't',
      route: { shouldDispatch: false },
      sinkCount: 0,
      dispatchedSinkCount: 0,
      failedSinkCount: 0,
    });
  });
});

describe('row-level failures', () => {
  it('keep a null trace id rather than dropping it', () => {
    expect(invalidJsonLine({ ...lc, traceId: '' }, 'x')).toMatchObject({ traceId: null, rawLine: 'x' });
  });
});

describe('the reconcile failure line', () => {
  it('is the reference’s failed_command / alert_dispatch_failed record', () => {
    expect(dispatchCommandFailedLine({ timestamp: 't', loopId: 'l' }, 'error: boom')).toEqual({
      timestamp: 't',
      loopId: 'l',
      category: 'alert_dispatch',
      status: 'failed_command',
      reasonCode: 'alert_dispatch_failed',
      message: 'error: boom',
    });
  });
});
