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
});
