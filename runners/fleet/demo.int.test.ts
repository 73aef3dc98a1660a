// The fleet demo runs end to end on temp copies of the fixtures and tells the story it claims.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fleetDemo } from './demo.js';

let work = '';
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('the fleet demo', () => {
  it('shows the partial failure, the suppressions, the exception buckets and the kill-switch drill', async () => {
    work = mkdtempSync(join(tmpdir(), 'opsfold-fleet-demo-'));
    const text = await fleetDemo({ cwd: work, env: {}, now: () => Date.parse('2026-02-23T13:00:00Z') }, work);
    expect(text).toContain(
      'reconcile: partial_failure [fleet_health_degraded, fleet_loop_skipped, fleet_partial_failure]',
    );
    expect(text).toContain('loop-gamma=failed(transport_unreachable)');
    expect(text).toContain('policy: 3 candidates, 1 open, 2 suppressed');
    expect(text).toContain('status: failures loop-gamma; degraded loop-beta, loop-gamma; skipped loop-delta');
    expect(text).toContain(
      'autonomous dispatch requested 0 intent(s); loop-alpha:health_critical:cancel stays pending_operator_confirmation [autonomous_kill_switch_enabled]',
    );
    expect(text).toContain('operator confirms: 1 executed');
    expect(text).toContain('governance active, manual backlog 0');
  });
});
