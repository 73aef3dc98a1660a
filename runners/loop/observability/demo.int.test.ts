import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loopObservabilityDemo } from './demo.js';

let work = '';
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-obs-demo-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('the observability demo', () => {
  it('reports each fixture case and the tuning outcome from real command runs', async () => {
    const text = await loopObservabilityDemo({ cwd: work, env: {}, now: () => 0 }, work);
    const line = (c: string) => text.split('\n').find((l) => l.trimStart().startsWith(c)) ?? '';
    expect(line('healthy')).toMatch(/heartbeat fresh .*sequence ok .*health healthy/);
    expect(line('degraded')).toMatch(
      /heartbeat degraded .*health degraded .*control_ambiguous,ingest_stale,runtime_heartbeat_stale,transport_unreachable/,
    );
    expect(line('ordering-drift')).toMatch(
      /sequence ordering_drift_detected .*health degraded .*ordering_drift_detected/,
    );
    expect(text).toMatch(
      /recommends relaxed \(low confidence\); applied balanced -> drift drift_active; escalations raised: 1/,
    );
  });
});
