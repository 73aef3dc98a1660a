// The control demo block runs end to end on a temp copy of the fixtures and says what happened.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loopControlDemo } from './transport/demo.js';

let work = '';
beforeEach(() => (work = mkdtempSync(join(tmpdir(), 'opsfold-control-demo-'))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('loopControlDemo', () => {
  it('confirms the rejection, refuses the approval, and replays the second cancel', async () => {
    const text = await loopControlDemo(
      { cwd: work, env: {}, now: () => Date.parse('2026-02-22T12:00:00Z') },
      work,
    );
    const rows = text.split('\n').slice(1, 5);
    expect(rows.map((r) => r.split('→')[1]?.trim())).toEqual([
      'confirmed (rejection_observed), exit 0',
      'refused (approval_not_pending), exit 1',
      'confirmed (inactive_not_running), exit 0',
      'confirmed (inactive_not_running), replayed, exit 0 (same key: not run twice)',
    ]);
  });
});
