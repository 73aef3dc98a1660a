// Routing decided from an external resolver's answer, and the resolver's arguments.
import { describe, expect, it } from 'vitest';
import { resolverArgs, routeFromResolver } from './route.js';

const e = { value: {}, category: 'c', severity: 'info', timestamp: '', loopId: null, traceId: null };

describe('routing from a resolver', () => {
  it('given a resolver that failed, then routing failed (retryable) with its output on one line', () => {
    expect(routeFromResolver(2, 'bad\nthing\n')).toEqual({
      kind: 'route_failed',
      message: 'bad thing',
      retryable: true,
    });
  });

  it('given output that is not a JSON object, then the route is invalid with the raw output', () => {
    expect(routeFromResolver(0, '[1]\n')).toEqual({ kind: 'invalid_route', raw: '[1]' });
  });

  it('given a route object, then its severity defaults to warning and sinks to none', () => {
    expect(routeFromResolver(0, '{"shouldDispatch":true}')).toMatchObject({
      kind: 'routed',
      severity: 'warning',
      shouldDispatch: true,
      sinks: [],
    });
  });

  it('passes the config file, category and severity as the reference does', () => {
    expect(resolverArgs('f.json', e)).toEqual([
      '--config-file',
      'f.json',
      '--category',
      'c',
      '--severity',
      'info',
    ]);
    expect(resolverArgs(null, { ...e, severity: null })).toEqual(['--category', 'c']);
  });
});
