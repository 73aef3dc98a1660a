// The dashboard reads a request body only up to its cap, as lib/io's JSON server does: an answer sent
// before the body ended closes the connection, so an endless chunked body is not read on.
import { afterEach, describe, expect, it } from 'vitest';
import { endlessBody } from '../../lib/io/endless-body.test-kit.js';
import { copyFixture, start, type Started } from './test-kit.js';

let s: Started | null = null;
afterEach(async () => {
  await s?.stop();
  s = null;
});

describe('given a request to the dashboard whose chunked body never ends', () => {
  it('a GET is answered, then the connection is dropped', async () => {
    s = await start(copyFixture('dashboard/empty'));
    const r = await endlessBody(new URL('/api/loops', s.url).href, 'GET', 1500);
    expect(r.head).toMatch(/^HTTP\/1\.1 200/);
    expect(r.dropped).toBe(true);
  });
  it('a control POST stops at the cap with 413, then the connection is dropped', async () => {
    s = await start(copyFixture('dashboard/empty'), {
      args: ['--control-token-env', 'T'],
      env: { T: 'tok' },
    });
    const r = await endlessBody(new URL('/api/loops/x/control', s.url).href, 'POST', 1500);
    expect(r.head).toMatch(/^HTTP\/1\.1 413/);
    expect(r.dropped).toBe(true);
  });
});
