import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../cli/package-root.js';
import { screenshotPath } from './browser-kit.js';

describe('where the browser tests save screenshots', () => {
  it('is a temp folder by default, so a test run leaves the work tree clean', () => {
    expect(screenshotPath('overview.png', {})).toBe(join(tmpdir(), 'opsfold-screenshots', 'overview.png'));
    expect(screenshotPath('overview.png', { OPSFOLD_REFRESH_SCREENSHOTS: '0' })).not.toContain(packageRoot());
  });

  it('is docs/screenshots/ when OPSFOLD_REFRESH_SCREENSHOTS=1 asks to refresh the README’s pictures', () => {
    expect(screenshotPath('overview.png', { OPSFOLD_REFRESH_SCREENSHOTS: '1' })).toBe(
      join(packageRoot(), 'docs', 'screenshots', 'overview.png'),
    );
  });
});
