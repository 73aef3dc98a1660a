// Given the fixture fleets, when the promotion demo runs, then every fleet gets its manifest decision and
// the CI wrapper skips the repo without evidence.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { promotionDemo } from './promotion-demo.js';
import { manifest } from './promotion-test-fixtures.js';

describe('the promotion demo', () => {
  it('prints each fleet with the decision its manifest entry names', async () => {
    const work = mkdtempSync(join(tmpdir(), 'opsfold-promotion-demo-'));
    try {
      const text = await promotionDemo({ cwd: work, env: {}, now: () => 0 }, work);
      const { cases } = manifest();
      for (const fleet of ['promote', 'hold-reliability', 'hold-drill-stale']) {
        const row = text.split('\n').find((l) => l.trimStart().startsWith(`${fleet} `));
        expect(row?.split(/\s+/)[2]).toBe(cases[fleet]?.decision);
      }
      expect(text).toMatch(/missing-evidence --skip\s+skipped\s+exit 0/);
      expect(text).toContain('Decision: `hold`');
      expect(text).not.toContain(work);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
