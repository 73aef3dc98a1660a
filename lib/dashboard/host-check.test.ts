import { describe, expect, it } from 'vitest';
import { hostAllowed } from './host-check.js';

describe('the Host header check', () => {
  it('on a loopback bind, answers only loopback names, with or without a port', () => {
    expect(hostAllowed('127.0.0.1', '127.0.0.1:8788')).toBe(true);
    expect(hostAllowed('127.0.0.1', 'localhost')).toBe(true);
    expect(hostAllowed('::1', '[::1]:8788')).toBe(true);
    expect(hostAllowed('127.0.0.1', 'evil.example:8788')).toBe(false);
    expect(hostAllowed('127.0.0.1', undefined)).toBe(false);
  });

  it('on another bind, answers any name (the operator was warned)', () => {
    expect(hostAllowed('0.0.0.0', 'evil.example')).toBe(true);
  });

  it('refuses names that only start like a loopback address (DNS rebinding through 127.evil.example)', () => {
    for (const h of [
      '127.evil.example',
      '127.evil.example:8788',
      '127.0.0.1.evil.example',
      'localhost.evil.example',
    ])
      expect(hostAllowed('127.0.0.1', h), h).toBe(false);
    for (const h of [
      '127.0.0.1:evil',
      '127.0.0.1:',
      'localhost:80@evil.example',
      '[::1].evil.example',
      '127.0.0.2',
    ])
      expect(hostAllowed('127.0.0.1', h), h).toBe(false);
  });

  it('accepts the exact loopback names and the configured host, with or without a port', () => {
    for (const h of ['localhost', 'localhost:8788', 'LOCALHOST:8788', '127.0.0.1', '[::1]', '[::1]:8788'])
      expect(hostAllowed('127.0.0.1', h), h).toBe(true);
    expect(hostAllowed('127.0.0.2', '127.0.0.2:8788')).toBe(true);
    expect(hostAllowed('127.0.0.2', '127.0.0.3:8788')).toBe(false);
  });
});
