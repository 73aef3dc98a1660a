// The demo block runs the three read commands on a copy of the fixture and leaves the fixture alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queueDemo } from './demo.js';

let work = '';
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('queueDemo', () => {
  it('prints status, workers and kpi of the mixed fixture', async () => {
    work = mkdtempSync(join(tmpdir(), 'opsfold-queue-demo-'));
    const fixture = new URL('../../fixtures/queue/mixed/automation/orchestrator/QUEUE.md', import.meta.url);
    const before = readFileSync(fixture);
    const text = await queueDemo({ cwd: work, env: {}, now: () => 0 }, work);
    expect(text).toContain(
      '$ opsfold queue status\nsummary PENDING=2 IN_PROGRESS=7 BLOCKED=1 FAILED=2 DONE=3\n',
    );
    expect(text).toContain('$ opsfold queue workers\nworkers_active=5 in_progress=7\n');
    expect(text).toContain(
      'kpi success_rate=69.70% latency_p95_ms=3900 latency_avg_ms=894.17 retry_count=- stale_in_progress=0',
    );
    expect(readFileSync(fixture)).toEqual(before);
  });
});
