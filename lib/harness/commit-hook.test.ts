import { describe, expect, it } from 'vitest';
import { HOOK_SCRIPT, HOOK_TAG, hookInstallOf, isOpsfoldHook } from './commit-hook.js';

describe('hookInstallOf', () => {
  it('installs where there is no hook and leaves the same hook unchanged', () => {
    expect(hookInstallOf(null, false)).toBe('installed');
    expect(hookInstallOf(HOOK_SCRIPT, false)).toBe('unchanged');
  });

  it('replaces an older opsfold hook, and a foreign one only with force', () => {
    expect(hookInstallOf(`#!/bin/sh\n# ${HOOK_TAG}: old\n`, false)).toBe('replaced');
    expect(hookInstallOf('#!/bin/sh\nexit 0\n', false)).toBe('refused');
    expect(hookInstallOf('#!/bin/sh\nexit 0\n', true)).toBe('replaced');
  });
});

describe('isOpsfoldHook', () => {
  it('recognises the hook by its tag', () => {
    expect([isOpsfoldHook(HOOK_SCRIPT), isOpsfoldHook('#!/bin/sh\n')]).toEqual([true, false]);
  });
});
