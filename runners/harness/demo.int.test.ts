// The demo runs the shipped fixtures end to end and reports every layer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harnessDemo } from './demo.js';

describe('harnessDemo', () => {
  it('replays task-2703 to DONE, escalates only the critical silent task, and joins the layers in status', async () => {
    const work = mkdtempSync(join(tmpdir(), 'opsfold-harness-demo-'));
    try {
      const text = await harnessDemo(
        { cwd: work, env: {}, now: () => Date.parse('2026-05-28T05:09:30Z') },
        work,
      );
      expect(text).toContain('spawn=DONE');
      expect(text).toMatch(/task-2801: INFO WARN ESCALATE INFO INFO/);
      expect(text).toMatch(/task-2802: INFO WARN WARN WARN WARN\*/);
      expect(text).toContain('finish profile (system_hook): git PASS, L1 PASS, scope EXTERNAL_DIRTY_BLOCKER');
      expect(text).toMatch(
        /task-2703\s+DONE\s+done\s+INFO\s+DONE\s+normal_callback\s+EXTERNAL_DIRTY_BLOCKER/,
      );
      expect(text).not.toContain('exit ');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
