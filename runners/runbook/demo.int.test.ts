// The runbook demo block: one summary line and one verdict row per fixture root.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runbookDemo } from './demo.js';

let work = '';
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-runbook-demo-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('given the shipped fixtures', () => {
  it('when the demo runs, it prints the finished loop summary and a verdict for each root', async () => {
    const text = await runbookDemo({ cwd: work, env: {}, now: () => 0 }, work);
    expect(text).toContain(' job_index=4 max_jobs=3 ');
    expect(text).toContain(' job_result_path=workspace/artifacts/job_result.json\n');
    expect(text).toMatch(/ {2}denied-phase +failed +deny +phase_deny, step_stopped\n/);
    expect(text).toMatch(/ {2}utf16-steps +passed +done +-\n/);
    expect(text.split('\n').filter((l) => /^ {2}\S+ +(passed|failed) /.test(l))).toHaveLength(7);
  });
});
