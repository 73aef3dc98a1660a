// Given a window log, when asked at asOf, then a window is active only when created, not consumed,
// not revoked and not expired — never because its CREATE line says status ACTIVE.
import { describe, expect, it } from 'vitest';
import { given } from '../testing/given.js';
import type { WindowEvent } from './codecs-safety.js';
import { activeWindows, windowsProjection } from './windows.js';
import { parseInZone } from './zone.js';

const Z = 'Asia/Seoul';
const at = (s: string) => parseInZone(s, Z) ?? Number.NaN;
const create = (id: string, from: string, until: string, extra: Partial<WindowEvent> = {}): WindowEvent =>
  ({
    event: 'CREATE',
    window_id: id,
    created_at: from,
    expires_at: until,
    allowed_request_types: ['REQUEST_REPORTS'],
    status: 'ACTIVE',
    ...extra,
  }) as WindowEvent;
const consume = (id: string): WindowEvent => ({ event: 'CONSUME', window_id: id });
const revoke = (id: string): WindowEvent => ({ event: 'REVOKE', window_id: id });

const ids = (events: WindowEvent[], asOf: string, type?: string) =>
  activeWindows(given(windowsProjection).events(...events).state, at(asOf), Z, type).map((w) => w.window_id);

describe('a real-enable window', () => {
  const w = create('w', '2026-03-02T08:50:00', '2026-03-02T09:20:00');
  it('is active between created_at and expires_at when nothing consumed it', () => {
    expect(ids([w], '2026-03-02T09:00:00')).toEqual(['w']);
  });
  it('is not active once consumed', () => {
    expect(ids([w, consume('w')], '2026-03-02T09:00:00')).toEqual([]);
  });
  it('stays active until its CONSUME lines reach max_real_executions', () => {
    const two = create('w', '2026-03-02T08:50:00', '2026-03-02T09:20:00', {
      max_real_executions: 2,
    } as never);
    expect([
      ids([two, consume('w')], '2026-03-02T09:00:00'),
      ids([two, consume('w'), consume('w')], '2026-03-02T09:00:00'),
    ]).toEqual([['w'], []]);
  });
  it('is not active at or after expires_at', () => {
    expect([ids([w], '2026-03-02T09:20:00'), ids([w], '2026-03-02T10:00:00')]).toEqual([[], []]);
  });
  it('is not active before created_at', () => {
    expect(ids([w], '2026-03-02T08:49:59')).toEqual([]);
  });
  it('is not active once revoked', () => {
    expect(ids([w, revoke('w')], '2026-03-02T09:00:00')).toEqual([]);
  });
  it('is not active when its times cannot be read', () => {
    expect(ids([create('x', 'sometime', '2026-03-02T09:20:00')], '2026-03-02T09:00:00')).toEqual([]);
  });
  it('is active only for the request types it allows', () => {
    expect([
      ids([w], '2026-03-02T09:00:00', 'REQUEST_REPORTS'),
      ids([w], '2026-03-02T09:00:00', 'REQUEST_RECONCILE'),
    ]).toEqual([['w'], []]);
  });
});

describe('the origin rule "any line with status ACTIVE"', () => {
  it('is not followed: consumed and expired windows whose CREATE says ACTIVE are inactive', () => {
    const events = [
      create('consumed', '2026-01-04T11:55:00', '2026-01-04T12:05:00'),
      consume('consumed'),
      create('expired', '2026-01-04T11:16:51', '2026-01-04T11:26:51'),
    ];
    expect(ids(events, '2026-01-04T12:10:00')).toEqual([]);
  });
});

describe('a CONSUME or REVOKE for a window no CREATE made', () => {
  it('is counted as an orphan and activates nothing', () => {
    const s = given(windowsProjection).events(consume('ghost'), revoke('ghost')).state;
    expect([s.orphans, Object.keys(s.windows), s.lines]).toEqual([2, [], 2]);
  });
});
