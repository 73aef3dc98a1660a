import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { controlBodyOf, eventsQueryOf, validLoopId } from './service-request.js';
import { controlHttpStatus, routeOf } from './service-routes.js';
import { checkEventsPayload, checkSnapshotPayload, eventsAnswer } from './service-payload.js';

const headers = { idempotencyKey: '', traceId: '', defaultBy: 'svc' };
const message = (r: E.Either<{ body: { error: { message: string } } }, unknown>) =>
  E.isLeft(r) ? r.left.body.error.message : null;

describe('eventsQueryOf', () => {
  it('reads loopId, cursor and maxEvents (0 when absent)', () => {
    expect(eventsQueryOf({ loopId: 'demo', cursor: ' 3 ' })).toEqual(
      E.right({ loopId: 'demo', cursor: 3, maxEvents: 0 }),
    );
  });
  it.each([
    [{}, 'loopId is required'],
    [{ loopId: 'demo', cursor: 'x' }, "query parameter 'cursor' must be an integer"],
    [{ loopId: 'demo', maxEvents: '-2' }, "query parameter 'maxEvents' must be >= 0"],
    [{ loopId: '../etc' }, 'loopId must be one path segment'],
  ])('refuses %j: %s', (q, text) => expect(message(eventsQueryOf(q))).toBe(text));
});

describe('controlBodyOf', () => {
  it('takes the body fields, trimming them, with header fallbacks for the key and trace', () => {
    const r = controlBodyOf(
      { loopId: ' demo ', intent: 'approve', note: ' ok ', noConfirm: 1 },
      { idempotencyKey: 'hdr-key', traceId: 'hdr-trace', defaultBy: 'svc' },
    );
    expect(r).toEqual(
      E.right({
        loopId: 'demo',
        intent: 'approve',
        by: 'svc',
        note: 'ok',
        idempotencyKey: 'hdr-key',
        traceId: 'hdr-trace',
        noConfirm: true,
      }),
    );
  });
  it.each([
    [[], 'request body must be an object'],
    [{ intent: 'cancel' }, 'loopId is required'],
    [{ loopId: 'demo', intent: 'stop' }, 'intent must be cancel, approve, or reject'],
    [{ loopId: 'a/b', intent: 'cancel' }, 'loopId must be one path segment'],
    [
      { loopId: 'demo', intent: 'cancel', idempotencyKey: 'a b' },
      'idempotencyKey must be 1-200 printable characters without spaces',
    ],
  ])('refuses %j: %s', (body, text) => expect(message(controlBodyOf(body, headers))).toBe(text));
  it('reads noConfirm with Python truthiness', () => {
    const nc = (v: unknown) => {
      const r = controlBodyOf({ loopId: 'd', intent: 'cancel', noConfirm: v }, headers);
      return E.isRight(r) && r.right.noConfirm;
    };
    expect([nc(true), nc('yes'), nc(false), nc(0), nc(''), nc([]), nc({}), nc(null)]).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('validLoopId', () => {
  it.each([
    ['demo-loop', true],
    ['', false],
    ['a/b', false],
    ['a\\b', false],
    ['..', false],
    [' padded', false],
  ])('%j → %s', (id, ok) => expect(validLoopId(id)).toBe(ok));
});

describe('routes', () => {
  it.each([
    ['GET', '/healthz', 'healthz'],
    ['GET', '/ops/snapshot', 'snapshot'],
    ['GET', '/ops/events', 'events'],
    ['POST', '/ops/control', 'control'],
  ])('%s %s → %s', (m, p, route) => expect(routeOf(m, p)).toEqual({ kind: 'route', route }));
  it.each([
    ['POST', '/ops/snapshot', 404],
    ['GET', '/ops/control', 404],
    ['GET', '/constructor', 404],
    ['DELETE', '/ops/control', 405],
  ])('%s %s → %i', (m, p, status) => {
    const r = routeOf(m, p);
    expect(r.kind === 'error' && r.error.status).toBe(status);
  });
  it.each([
    [0, 'confirmed', 200],
    [2, 'ambiguous', 409],
    [1, 'failed_command', 500],
    [1, 'refused', 422],
    [75, 'failed_command', 503],
  ])('a control exiting %i with %s is HTTP %i', (code, status, http) =>
    expect(controlHttpStatus(code, status)).toBe(http),
  );
});

describe('payload checks', () => {
  it('accepts an events answer and defaults missing offsets to 0', () => {
    expect(checkEventsPayload({ ok: true, events: [{}], cursor: {} })).toEqual(
      E.right({ events: [{}], eventLineOffset: 0, eventLineCount: 0 }),
    );
  });
  it.each([
    [{ ok: false, events: [], cursor: {} }, 'service /ops/events response shape invalid'],
    [{ ok: true, events: {}, cursor: {} }, 'service /ops/events response shape invalid'],
    [{ ok: true, events: [], cursor: { eventLineOffset: -1 } }, 'service cursor values are invalid'],
    [{ ok: true, events: [], cursor: { eventLineCount: 1.5 } }, 'service cursor values are invalid'],
    [{ ok: true, events: [3], cursor: {} }, 'service /ops/events response holds a non-object event'],
  ])('refuses %j', (v, why) => expect(checkEventsPayload(v)).toEqual(E.left(why)));
  it('accepts only a loop_run_snapshot envelope as a snapshot', () => {
    expect(E.isRight(checkSnapshotPayload({ envelopeType: 'loop_run_snapshot' }))).toBe(true);
    expect(E.isLeft(checkSnapshotPayload({ ok: false }))).toBe(true);
    expect(E.isLeft(checkSnapshotPayload([]))).toBe(true);
  });
  it('builds the events answer without a traceId key when there is none', () => {
    const a = eventsAnswer({
      repoPath: '/r',
      loopId: 'd',
      traceId: '',
      events: [],
      eventLineOffset: 2,
      eventLineCount: 2,
      updatedAt: 'T',
    });
    expect(a).toEqual({
      ok: true,
      schemaVersion: 'v1',
      source: { repoPath: '/r', loopId: 'd' },
      events: [],
      cursor: { eventLineOffset: 2, eventLineCount: 2, updatedAt: 'T' },
    });
  });
});
