import { describe, expect, it } from 'vitest';
import { routeOf } from './routes.js';

describe('the route table', () => {
  it.each([
    ['GET', '/', { kind: 'index' }],
    ['GET', '/assets/app.js', { kind: 'asset', name: 'app.js' }],
    ['GET', '/api/config', { kind: 'config' }],
    ['GET', '/api/loops', { kind: 'loops' }],
    ['GET', '/api/loops/demo-loop', { kind: 'loop', loopId: 'demo-loop' }],
    ['GET', '/api/loops/demo%20loop/events', { kind: 'events', loopId: 'demo loop' }],
    ['GET', '/api/events', { kind: 'sse' }],
    ['GET', '/api/views', { kind: 'views' }],
    ['GET', '/api/views/queue', { kind: 'view', name: 'queue' }],
    ['POST', '/api/loops/demo-loop/control', { kind: 'control', loopId: 'demo-loop' }],
    ['HEAD', '/api/loops', { kind: 'loops' }],
    ['GET', '/healthz', { kind: 'healthz' }],
    ['GET', '/metrics', { kind: 'metrics' }],
  ])('%s %s', (method, path, route) => {
    expect(routeOf(method, path)).toEqual(route);
  });

  it.each([
    '/assets/../package.json',
    '/assets/..%2Fpackage.json',
    '/assets/App.JS',
    '/api/loops/..',
    '/api/loops/a%2Fb',
    '/api/loops/%2e%2e/events',
    '/api/loops/x/events/more',
    '/api/loops/x/other',
    '/api/nothing',
    '/metrics/x',
    '/api/metrics',
    '/api/views/Bad_Name',
    '/%E0%A4%A',
  ])('does not route %s', (path) => {
    expect(routeOf('GET', path).kind).toBe('not_found');
  });

  it('allows only POST for control and only GET/HEAD elsewhere', () => {
    expect(routeOf('GET', '/api/loops/x/control')).toEqual({ kind: 'method_not_allowed', allow: 'POST' });
    expect(routeOf('DELETE', '/api/loops')).toEqual({ kind: 'method_not_allowed', allow: 'GET, HEAD' });
  });
});
